// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Holds {@link SpecificCharacterSet} against DCMTK 3.6.7 (Debian, character conversion through glibc
 * iconv): files written byte by byte here are read by {@code dcm2json}, and files converted by
 * {@code dcmconv +C} are read here.
 *
 * <p>What DCMTK 3.6.7 with glibc iconv cannot do, and so is not compared (each pinned by a test below so
 * that a DCMTK that learns it shows up): ISO 2022 IR 87 and IR 159 (Japanese kanji) are "not supported by
 * the utilized character set conversion library"; a single-valued "ISO 2022 IR nnn" is refused; dcmconv
 * converts only to terms without code extensions. Where DCMTK and this class differ by design: a value
 * with bytes above 0x7F and no (0008,0005) (DCMTK refuses the data set, we read U+FFFD), and 05/12 in
 * ISO_IR 13 LO (DCMTK reads one value with a YEN SIGN, we read the value delimiter PS3.5 H.1.1 note 3
 * describes), and malformed UTF-8 (DCMTK copies the bytes into its JSON, we read U+FFFD).
 */
class SpecificCharacterSetInteropIT {
    private static final int PN = 0x00100010;
    private static final int LO = 0x00081030;
    private static final int LT = 0x00104000;
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireDcmtk() throws Exception {
        Result r;
        try {
            r = run(List.of("dcm2json", "--version"), Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            r = null;
        }
        if (r == null || !r.out.contains("dcmtk")) {
            fail("DCMTK's dcm2json is needed: apt-get install dcmtk (scripts/test.sh installs it)");
        }
    }

    @Nested
    @DisplayName("dcm2json reads what we encode")
    class Dcm2JsonReadsOurBytes {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            ISO_IR 100  | Buc^Jérôme                      | Crème brûlée\\Ørsted
            ISO_IR 101  | Wałęsa^Lech                     | Łódź
            ISO_IR 109  | Ħaġar^Ġużè                      | Ċirkewwa
            ISO_IR 110  | Ķēniņš^Jānis                    | Rīga
            ISO_IR 144  | Иванов^Иван                     | Люксембург
            ISO_IR 127  | قباني^لنزار                     | مرحبا
            ISO_IR 126  | Διονυσιος                       | Ελλάδα
            ISO_IR 138  | שרון^דבורה                      | שלום
            ISO_IR 148  | Çağrı^Şükrü                     | İstanbul
            ISO_IR 13   | ﾔﾏﾀﾞ^ﾀﾛｳ                        | ｶﾀｶﾅ abc
            ISO_IR 166  | สมชาย^ใจดี                      | ภาษาไทย
            ISO_IR 192  | Wang^XiaoDong=王^小東=           | 😀 Ελλάδα\\Россия
            GB18030     | Wang^XiaoDong=王^小东=           | 中文\\𠀀
            GBK         | Wang^XiaoDong=王^小东=           | 中文\\汉字
            \\ISO 2022 IR 149 | Hong^Gildong=洪^吉洞=홍^길동 | 한글 Hangul\\둘째
            \\ISO 2022 IR 58  | Zhang^XiaoDong=张^小东=       | 中文 text\\第二
            ISO 2022 IR 6\\ISO 2022 IR 149 | Kim^Minsu=金^民洙=김^민수 | 서울
            ISO 2022 IR 100\\ISO 2022 IR 144 | Jérôme^Люк             | Café\\Москва é
            ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 138 | Ελένη^שרה | Ζωή, café, שלום
            ISO 2022 IR 13\\ISO 2022 IR 149 | ﾔﾏﾀﾞ^ﾀﾛｳ=홍^길동          | ｶﾀｶﾅ 한글
            """)
        void decodesLikeDcm2Json(String terms, String pn, String lo) throws Exception {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(terms.split("\\\\", -1));
            String lt = lo.replace("\\", " ") + "\r\nline 2: " + lo.replace("\\", "/");
            Map<Integer, byte[]> values = Map.of(PN, cs.encode(pn, VR.PN), LO, cs.encode(lo, VR.LO),
                    LT, cs.encode(lt, VR.LT));
            Map<String, Object> json = dcm2json(writePart10(terms, values));

            assertEquals(withoutEmptyGroups(pn), personName(json), "PN as DCMTK reads it");
            assertEquals(lo, String.join("\\", strings(json, LO)), "LO as DCMTK reads it");
            assertEquals(lt, String.join("\\", strings(json, LT)), "LT as DCMTK reads it");
            assertEquals(pn, ours(cs, values.get(PN), VR.PN));
            assertEquals(lo, ours(cs, values.get(LO), VR.LO));
            assertEquals(lt, ours(cs, values.get(LT), VR.LT));
        }

    }

    @Nested
    @DisplayName("we read what dcmconv +C encodes")
    class WeReadDcmconvBytes {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            ISO_IR 100 | Buc^Jérôme  | Crème brûlée\\Ørsted
            ISO_IR 101 | Wałęsa^Lech | Łódź
            ISO_IR 109 | Ħaġar^Ġużè  | Ċirkewwa
            ISO_IR 110 | Ķēniņš^Jānis | Rīga
            ISO_IR 144 | Иванов^Иван | Люксембург
            ISO_IR 127 | قباني^لنزار | مرحبا
            ISO_IR 126 | Διονυσιος   | Ελλάδα
            ISO_IR 138 | שרון^דבורה  | שלום
            ISO_IR 148 | Çağrı^Şükrü | İstanbul
            ISO_IR 13  | ﾔﾏﾀﾞ^ﾀﾛｳ    | ｶﾀｶﾅ abc
            ISO_IR 166 | สมชาย^ใจดี  | ภาษาไทย
            GB18030    | Wang^XiaoDong=王^小东= | 中文\\𠀀
            GBK        | Wang^XiaoDong=王^小东= | 中文\\汉字
            """)
        void decodesWhatDcmconvWrote(String term, String pn, String lo) throws Exception {
            SpecificCharacterSet utf8 = SpecificCharacterSet.UTF_8;
            Path in = writePart10("ISO_IR 192",
                    Map.of(PN, utf8.encode(pn, VR.PN), LO, utf8.encode(lo, VR.LO)));
            Path out = dir.resolve("converted.dcm");
            Result r = run(List.of("dcmconv", "+C", term, in.toString(), out.toString()), dir);
            assertEquals(0, r.exit, r.err);

            Map<Integer, byte[]> read = readPart10(out);
            assertEquals(term, new String(read.get(Tag.SPECIFIC_CHARACTER_SET), StandardCharsets.US_ASCII).strip());
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
            assertEquals(pn, ours(cs, read.get(PN), VR.PN));
            assertEquals(lo, ours(cs, read.get(LO), VR.LO));
        }
    }

    @Nested
    @DisplayName("where DCMTK 3.6.7 cannot follow, or differs by design")
    class Differences {
        @Test
        @DisplayName("ISO 2022 IR 87 and IR 159 are not supported by DCMTK with glibc iconv")
        void dcmtkCannotReadJapaneseKanji() throws Exception {
            for (String term : List.of("ISO 2022 IR 87", "ISO 2022 IR 159")) {
                SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", term);
                String name = term.endsWith("87") ? "Yamada^Tarou=山田^太郎" : "Xyz^Abc=丂^丄";
                Path file = writePart10("\\" + term, Map.of(PN, cs.encode(name, VR.PN)));
                Result r = run(List.of("dcm2json", file.toString()), dir);
                assertTrue(r.err.contains("'" + term + "' is not supported"),
                        "DCMTK now reads " + term + ": compare it in Dcm2JsonReadsOurBytes. " + r.err);
            }
        }

        @Test
        void dcmtkRefusesUndeclaredBytesWhereWeReadReplacementCharacters() throws Exception {
            byte[] pn = "Buc^Jérôme".getBytes(StandardCharsets.ISO_8859_1);
            Result r = run(List.of("dcm2json", writePart10(null, Map.of(PN, pn)).toString()), dir);
            assertNotEquals(0, r.exit);
            assertTrue(r.err.contains("no SpecificCharacterSet"), r.err);
            assertEquals("Buc^J\uFFFDr\uFFFDme", ours(SpecificCharacterSet.DEFAULT, pn, VR.PN));
        }

        @Test
        @DisplayName("malformed UTF-8: DCMTK copies the bytes into its JSON, we read one U+FFFD per sequence")
        void dcmtkCopiesMalformedUtf8WhereWeReadReplacementCharacters() throws Exception {
            byte[] pn = {'A', (byte) 0xFF, (byte) 0xC3, 'B'};
            Result r = run(List.of("dcm2json", writePart10("ISO_IR 192", Map.of(PN, pn)).toString()), dir);
            assertEquals(0, r.exit, r.err);
            assertTrue(indexOf(r.raw, new byte[] {'"', 'A', (byte) 0xFF, (byte) 0xC3, 'B', '"'}) >= 0, r.out);
            assertEquals("A\uFFFD\uFFFDB", ours(SpecificCharacterSet.UTF_8, pn, VR.PN));
        }

        @Test
        @DisplayName("ISO_IR 13 LO: DCMTK reads 05/12 as YEN SIGN, we as the value delimiter (PS3.5 H.1.1)")
        void dcmtkReadsYenSignWhereWeReadTheValueDelimiter() throws Exception {
            byte[] lo = {'a', 0x5C, 'b'};
            Map<String, Object> json = dcm2json(writePart10("ISO_IR 13", Map.of(LO, lo, LT, lo)));
            assertEquals(List.of("a¥b"), strings(json, LO));
            assertEquals("a\\b", ours(SpecificCharacterSet.valueOf("ISO_IR 13"), lo, VR.LO));
            assertEquals(List.of("a¥b"), strings(json, LT), "in LT both read the YEN SIGN");
            assertEquals("a¥b", ours(SpecificCharacterSet.valueOf("ISO_IR 13"), lo, VR.LT));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String ours(SpecificCharacterSet cs, byte[] value, VR vr) {
        return stripPadding(cs.decode(value, 0, value.length, vr));
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** "A=I=" and "A=I" name the same person; the JSON model has no empty trailing groups. */
    private static String withoutEmptyGroups(String pn) {
        String s = pn;
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private Map<String, Object> dcm2json(Path file) throws Exception {
        Result r = run(List.of("dcm2json", file.toString()), dir);
        assertEquals(0, r.exit, r.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) new JsonReader(r.out).value();
        return json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> values(Map<String, Object> json, int tag) {
        Map<String, Object> element = (Map<String, Object>) json.get(String.format("%08X", tag));
        assertTrue(element != null, "dcm2json has no " + Tag.toString(tag));
        return (List<Object>) element.get("Value");
    }

    private static List<String> strings(Map<String, Object> json, int tag) {
        return values(json, tag).stream().map(v -> v == null ? "" : stripPadding((String) v)).toList();
    }

    @SuppressWarnings("unchecked")
    private static String personName(Map<String, Object> json) {
        Map<String, Object> pn = (Map<String, Object>) values(json, PN).get(0);
        StringBuilder s = new StringBuilder((String) pn.getOrDefault("Alphabetic", ""));
        if (pn.containsKey("Ideographic") || pn.containsKey("Phonetic")) {
            s.append('=').append((String) pn.getOrDefault("Ideographic", ""));
        }
        if (pn.containsKey("Phonetic")) {
            s.append('=').append((String) pn.get("Phonetic"));
        }
        return s.toString();
    }

    /** A minimal Part 10 file, explicit VR little endian: meta group, then the given elements. */
    private Path writePart10(String specificCharacterSet, Map<Integer, byte[]> values) throws IOException {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x00020001, "OB", new byte[] {0, 1});
        element(meta, 0x00020002, "UI", ascii("1.2.840.10008.5.1.4.1.1.7"));
        element(meta, 0x00020003, "UI", ascii("2.25.1"));
        element(meta, 0x00020010, "UI", ascii("1.2.840.10008.1.2.1"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[128]);
        file.write(ascii("DICM"));
        byte[] groupLength = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array();
        element(file, 0x00020000, "UL", groupLength);
        meta.writeTo(file);
        Map<Integer, byte[]> dataset = new TreeMap<>(values);
        if (specificCharacterSet != null) {
            dataset.put(Tag.SPECIFIC_CHARACTER_SET, ascii(specificCharacterSet));
        }
        dataset.put(0x00080016, ascii("1.2.840.10008.5.1.4.1.1.7"));
        dataset.put(0x00080018, ascii("2.25.1"));
        for (Map.Entry<Integer, byte[]> e : dataset.entrySet()) {
            element(file, e.getKey(), vrOf(e.getKey()), e.getValue());
        }
        Path path = Files.createTempFile(dir, "cs", ".dcm");
        Files.write(path, file.toByteArray());
        return path;
    }

    private static String vrOf(int tag) {
        return switch (tag) {
            case Tag.SPECIFIC_CHARACTER_SET -> "CS";
            case 0x00080016, 0x00080018 -> "UI";
            case PN -> "PN";
            case LO -> "LO";
            case LT -> "LT";
            default -> throw new IllegalArgumentException(Tag.toString(tag));
        };
    }

    private static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        int length = value.length + (value.length & 1);
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) (tag >>> 16)).putShort((short) tag).put(ascii(vr));
        if (vr.equals("OB")) {
            header.putShort((short) 0).putInt(length);
        } else {
            header.putShort((short) length);
        }
        out.write(header.array(), 0, header.position());
        out.writeBytes(value);
        if ((value.length & 1) != 0) {
            out.write(vr.equals("UI") || vr.equals("OB") ? 0 : ' ');
        }
    }

    /** The values of a Part 10 file with explicit VR little endian and no sequences, by tag. */
    private static Map<Integer, byte[]> readPart10(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(132);
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | b.getShort() & 0xFFFF;
            String vr = new String(new byte[] {b.get(), b.get()}, StandardCharsets.US_ASCII);
            int length;
            if (List.of("OB", "OW", "OF", "SQ", "UT", "UN", "UC", "UR").contains(vr)) {
                b.getShort();
                length = b.getInt();
            } else {
                length = b.getShort() & 0xFFFF;
            }
            byte[] value = new byte[length];
            b.get(value);
            out.put(tag, value);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A finished tool: its exit code, its standard output as bytes and as (lenient) UTF-8, its errors. */
    private record Result(int exit, byte[] raw, String out, String err) {
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Runs a DCMTK tool to completion within a bounded time; its output goes through files, not pipes. */
    private static Result run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            byte[] raw = Files.readAllBytes(out);
            return new Result(p.exitValue(), raw, new String(raw, StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Just enough JSON (RFC 8259) for dcm2json's output: objects, arrays, strings, numbers, literals. */
    private static final class JsonReader {
        private final String s;
        private int i;

        JsonReader(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skipSpace();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    map.put(key, value());
                    skipSpace();
                } while (s.charAt(i++) == ',');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skipSpace();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                do {
                    list.add(value());
                    skipSpace();
                } while (s.charAt(i++) == ',');
                return list;
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String literal = s.substring(start, i);
            return literal.equals("null") ? null : literal;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            for (char c = s.charAt(i++); c != '"'; c = s.charAt(i++)) {
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    default -> out.append(e);
                }
            }
            return out.toString();
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalStateException("expected " + c + " at " + (i - 1));
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * The data set of a DICOM Part 10 file as bytes: what follows the 128-byte preamble, "DICM" and the File
 * Meta Information (PS3.10 §7.1), whose elements are always Explicit VR Little Endian. Two files hold the
 * same data set when these bytes are equal, whatever their meta information says (who wrote them).
 */
final class DataSets {
    private DataSets() {
    }

    static byte[] of(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
            throw new IOException(file + " is not a DICOM Part 10 file");
        }
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = 132;
        // Walk the group 0002 elements rather than trust (0002,0000): it is optional for readers.
        while (at + 8 <= b.length && in.getShort(at) == 0x0002) {
            String vr = new String(b, at + 4, 2, StandardCharsets.US_ASCII);
            boolean longForm = switch (vr) {
                case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
                default -> false;
            };
            long length = longForm ? Integer.toUnsignedLong(in.getInt(at + 8)) : Short.toUnsignedInt(in.getShort(at + 6));
            at += (longForm ? 12 : 8) + (int) length;
        }
        return Arrays.copyOfRange(b, at, b.length);
    }

    /**
     * The data set the archive received for {@code i}: storescu sends Big Endian files as Explicit Little,
     * and pads an odd-length deflated bitstream with one NUL byte (as storescp records it too). With
     * {@code explicitLittle}, an Implicit VR Little Endian instance as DCMTK converts it ({@code dcmconv
     * +te}, written under {@code scratch}).
     */
    static byte[] sent(Instance i, boolean explicitLittle, Path scratch) throws IOException {
        if (i.encoding() == Encoding.DEFLATED) {
            byte[] deflated = of(i.file());
            return deflated.length % 2 == 0 ? deflated : Arrays.copyOf(deflated, deflated.length + 1);
        }
        if (i.encoding() != Encoding.EXPLICIT_BE && !(explicitLittle && i.encoding() == Encoding.IMPLICIT_LE)) {
            return of(i.file());
        }
        Path converted = Files.createDirectories(scratch).resolve(i.sopInstanceUid() + ".dcm");
        ToolRun run = Tools.run("dcmconv", "-q", "+te", i.file().toString(), converted.toString());
        assertEquals(0, run.exitCode(), run::toString);
        return of(converted);
    }

    /**
     * For each instance sent, what is wrong with the file received for it (by SOP Instance UID): missing,
     * or its data set differs from the one sent (see {@link #sent}).
     */
    static List<String> differences(List<Instance> sent, Map<String, Path> received, boolean explicitLittle,
            Path scratch) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Instance i : sent) {
            Path got = received.get(i.sopInstanceUid());
            if (got == null) {
                problems.add(i.sopInstanceUid() + " (" + i.encoding() + "): not received");
                continue;
            }
            byte[] expected = sent(i, explicitLittle, scratch);
            byte[] actual = of(got);
            int at = Arrays.mismatch(expected, actual);
            if (at >= 0) {
                problems.add(i.sopInstanceUid() + " (" + i.encoding() + "): differs at data set byte " + at + " ("
                        + expected.length + " bytes sent, " + actual.length + " received)");
            }
        }
        return problems;
    }
}

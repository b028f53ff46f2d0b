// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

/**
 * Hostile input, generated: valid files mutated by bit flips, truncation, forged length fields and
 * inserted, deleted or duplicated bytes are read whole, streamed and read from a file under default
 * {@link ReadOptions}. Each read either succeeds or ends in a {@link DicomException}: never another
 * exception, an {@link Error} (out of memory, stack overflow) or a hang. Seeded, so a failure replays;
 * the report carries the mutant as hex. {@code -Dpacs.mutation.corpus=DIR} adds the small files of a
 * corpus built by {@code scripts/corpus/build.sh} as seeds, {@code -Dpacs.mutation.mutants=N} sets the
 * mutants per family (750 by default).
 */
class MutationTest {
    private static final long RANDOM_SEED = 0x5EED_D1C0_2024L;
    /** Mutants per operator family: four families, 3,000 mutants in all; -Dpacs.mutation.mutants=N for a longer hunt. */
    private static final int MUTANTS_PER_FAMILY = Integer.getInteger("pacs.mutation.mutants", 750);
    private static final long TIMEOUT_MILLIS = 5_000;
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    /** Outcomes of the current family's reads, to show the mutants reach both the accept and reject paths. */
    private static final AtomicInteger READ = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static List<Seed> seeds;
    private static ExecutorService worker;

    @TempDir
    static Path tmp;

    /** A valid file to mutate; deflated seeds are mutated before compression so the parser sees the damage. */
    record Seed(String name, byte[] prefix, byte[] body, boolean deflate, Fields lengthFields) {
        byte[] assemble(byte[] mutatedBody) {
            byte[] b = deflate ? MutationTest.deflate(mutatedBody) : mutatedBody;
            byte[] file = Arrays.copyOf(prefix, prefix.length + b.length);
            System.arraycopy(b, 0, file, prefix.length, b.length);
            return file;
        }
    }

    @BeforeAll
    static void buildSeeds() throws IOException {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant-reader");
            t.setDaemon(true);
            return t;
        });
        seeds = new ArrayList<>();
        Attributes every = TestDataSets.everyVR();
        seeds.add(part10("every VR, explicit LE", every, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        seeds.add(part10("every VR, implicit LE", every, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        seeds.add(part10("every VR, explicit BE", every, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        seeds.add(part10("every VR, deflated", every, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
        seeds.add(part10("encapsulated", TestDataSets.encapsulated(), TransferSyntax.of(JPEG_BASELINE)));
        seeds.add(definedLengths("every VR, defined lengths, explicit LE", every, true));
        seeds.add(definedLengths("every VR, defined lengths, implicit LE", every, false));
        seeds.add(part10("nested ten deep", nested(10), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        seeds.add(part10("bulk value", withBulkValue(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        seeds.add(withoutMeta("data set only, implicit LE", every));
        byte[] noPreamble = toBytes(every, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        seeds.add(seed("no preamble", Arrays.copyOfRange(noPreamble, 128, noPreamble.length)));
        String corpus = System.getProperty("pacs.mutation.corpus");
        if (corpus != null) {
            try (var files = Files.list(Path.of(corpus))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                    if (Files.size(f) <= 16 * 1024) {
                        seeds.add(seed(f.getFileName().toString(), Files.readAllBytes(f)));
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @Nested
    class BitFlips {
        @Test
        void flippedBitsAreReadOrRejectedWithADicomException() {
            run(1, (r, s, body) -> flipBits(r, body));
        }
    }

    @Nested
    class Truncations {
        @Test
        void truncatedFilesAreRejectedWithADicomExceptionOrReadUpToTheCut() {
            run(2, (r, s, body) -> Arrays.copyOf(body, r.nextInt(body.length)));
        }
    }

    @Nested
    class ForgedLengths {
        @Test
        void forgedLengthFieldsAreRejectedWithADicomException() {
            run(3, MutationTest::forgeLength);
        }
    }

    @Nested
    class InsertionsAndDeletions {
        @Test
        void insertedDeletedOrDuplicatedBytesAreReadOrRejectedWithADicomException() {
            run(4, (r, s, body) -> {
                byte[] m = body;
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    m = switch (r.nextInt(4)) {
                        case 0 -> insertRandom(r, m);
                        case 1 -> delete(r, m);
                        case 2 -> duplicate(r, m);
                        default -> forgeLength(r, s, m);
                    };
                }
                return m;
            });
        }
    }

    /** STYLE.md "Streaming and defence": a forged length cannot force a huge array. */
    @Nested
    class Allocation {
        @Test
        void aForgedLengthOnAStreamCannotForceAnAllocationOfThatSize() {
            byte[] ds = concat(MalformedInputTest.longHeader(0x0040A160, "UT", 60L << 20), new byte[100]);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            org.junit.jupiter.api.Assertions.assertThrows(DicomException.class,
                    () -> MalformedInputTest.readExplicit(ds, ReadOptions.defaults()));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 8L << 20, "reading " + ds.length + " bytes allocated " + allocated + " bytes");
        }
    }

    @FunctionalInterface
    interface Mutator {
        byte[] mutate(Random r, Seed seed, byte[] body);
    }

    private void run(int family, Mutator mutator) {
        Random r = new Random(RANDOM_SEED + family);
        READ.set(0);
        REJECTED.set(0);
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < MUTANTS_PER_FAMILY && failures.size() < 5; i++) {
            Seed seed = seeds.get(r.nextInt(seeds.size()));
            byte[] mutant;
            // A fifth of the deflated mutants damage the compressed bytes themselves.
            if (seed.deflate() && r.nextInt(5) == 0) {
                byte[] file = seed.assemble(seed.body());
                byte[] tail = mutator.mutate(r, seed, Arrays.copyOfRange(file, seed.prefix().length, file.length));
                mutant = concat(seed.prefix(), tail);
            } else {
                mutant = seed.assemble(mutator.mutate(r, seed, seed.body().clone()));
            }
            long readerSeed = r.nextLong();
            boolean viaFile = i % 4 == 0;
            String failure = readWithTimeout(mutant, readerSeed, viaFile);
            if (failure != null) {
                failures.add("mutant " + i + " of seed '" + seed.name() + "'" + (viaFile ? " (read from a file)" : "")
                        + ": " + failure + "\n  hex: " + HexFormat.of().formatHex(mutant));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!failures.isEmpty()) {
            fail(failures.size() + " mutant(s) broke the reader (" + millis + " ms):\n" + String.join("\n", failures));
        }
        assertTrue(READ.get() > 0 && REJECTED.get() > 0,
                "mutants should reach both outcomes: " + READ + " reads succeeded, " + REJECTED + " were rejected");
    }

    /** Reads the mutant three ways in a worker thread; returns a description of the failure, or null. */
    private static String readWithTimeout(byte[] mutant, long readerSeed, boolean viaFile) {
        Future<String> f = worker.submit(() -> readAllWays(mutant, readerSeed, viaFile));
        try {
            return f.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            // The stuck thread may never stop: continue on a fresh one.
            worker.shutdownNow();
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mutant-reader");
                t.setDaemon(true);
                return t;
            });
            return "no result after " + TIMEOUT_MILLIS + " ms (endless loop?)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "worker failed: " + e.getCause();
        }
    }

    private static String readAllWays(byte[] mutant, long readerSeed, boolean viaFile) {
        String failure = outcome("readDataSet from a stream", () -> {
            try (Part10Reader reader = new Part10Reader(new ByteArrayInputStream(mutant), ReadOptions.defaults())) {
                decodeEveryValue(reader.readDataSet());
            }
        });
        if (failure == null) {
            failure = outcome("streaming to a handler", () -> {
                try (Part10Reader reader = new Part10Reader(new ByteArrayInputStream(mutant), ReadOptions.defaults())) {
                    ConsumingHandler h = new ConsumingHandler(new Random(readerSeed));
                    reader.readDataSet(h);
                    h.assertBalanced();
                }
            });
        }
        if (failure == null && viaFile) {
            failure = outcome("Part10Reader.read(file)", () -> {
                Path file = Files.createTempFile(tmp, "mutant", ".dcm");
                try {
                    Files.write(file, mutant);
                    decodeEveryValue(Part10Reader.read(file).dataSet());
                    try (Part10Reader reader = Part10Reader.open(file,
                            ReadOptions.defaults().withStopTag(Tag.PIXEL_DATA))) {
                        decodeEveryValue(reader.readDataSet());
                    }
                } finally {
                    Files.deleteIfExists(file);
                }
            });
        }
        return failure;
    }

    @FunctionalInterface
    interface Read {
        void run() throws IOException;
    }

    /** Null if the read succeeded or failed with a DicomException; otherwise what went wrong. */
    private static String outcome(String how, Read read) {
        try {
            read.run();
            READ.incrementAndGet();
            return null;
        } catch (DicomException expected) {
            REJECTED.incrementAndGet();
            return null;
        } catch (Throwable t) {
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            String[] lines = trace.toString().split("\n");
            return how + " threw " + String.join("\n    ", Arrays.copyOf(lines, Math.min(lines.length, 8)));
        }
    }

    /** Decodes every value the way a consumer would: strings, numbers, fragments, bulk data streams. */
    private static void decodeEveryValue(Attributes ds) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object v = ds.valueAt(i);
            if (v instanceof Sequence s) {
                for (Attributes item : s) {
                    decodeEveryValue(item);
                }
            } else if (v instanceof Fragments f) {
                for (int k = 0; k < f.size(); k++) {
                    if (f.get(k) instanceof BulkData b) {
                        readFully(b);
                    }
                }
            } else if (v instanceof BulkData b) {
                readFully(b);
            } else if (vr.isString()) {
                ds.getStrings(tag);
            } else {
                switch (vr) {
                    case FL, FD, OF, OD -> ds.getDoubles(tag);
                    case SV, UV, OV -> ds.getLongs(tag);
                    case US, SS, UL, SL, AT, OL -> ds.getInts(tag);
                    default -> ds.getBytes(tag);
                }
                ds.getStrings(tag);
            }
        }
    }

    private static void readFully(BulkData b) throws IOException {
        try (InputStream in = b.openStream()) {
            long n = in.transferTo(java.io.OutputStream.nullOutputStream());
            if (n != b.length()) {
                throw new AssertionError("bulk data of length " + b.length() + " gave " + n + " bytes");
            }
        }
    }

    /** Consumes values in varied ways (whole, in chunks, half, not at all) and checks events nest. */
    static final class ConsumingHandler implements DataSetHandler {
        private final Random r;
        private final byte[] chunk = new byte[4096];
        private int sequences;
        private int items;
        private boolean inFragments;

        ConsumingHandler(Random r) {
            this.r = r;
        }

        @Override
        public void element(int tag, VR vr, ValueInput value) throws IOException {
            consume(value);
        }

        @Override
        public void startSequence(int tag, VR vr, long length) {
            sequences++;
        }

        @Override
        public void startItem(long length) {
            if (sequences == 0) {
                throw new AssertionError("item outside a sequence");
            }
            items++;
        }

        @Override
        public void endItem() {
            items--;
        }

        @Override
        public void endSequence() {
            sequences--;
        }

        @Override
        public void startFragments(int tag, VR vr) {
            inFragments = true;
        }

        @Override
        public void fragment(ValueInput value) throws IOException {
            if (!inFragments) {
                throw new AssertionError("fragment outside encapsulated Pixel Data");
            }
            consume(value);
        }

        @Override
        public void endFragments() {
            inFragments = false;
        }

        private void consume(ValueInput value) throws IOException {
            switch (r.nextInt(4)) {
                case 0 -> value.readBytes();
                case 1 -> {
                    InputStream in = value.stream();
                    while (in.read(chunk, 0, 1 + r.nextInt(chunk.length)) >= 0) {
                        // drain in random-sized chunks
                    }
                }
                case 2 -> {
                    InputStream in = value.stream();
                    in.skip(value.length() / 2);
                    in.read();
                }
                default -> {
                    // leave it for the reader to skip
                }
            }
        }

        void assertBalanced() {
            if (sequences != 0 || items != 0 || inFragments) {
                throw new AssertionError("unbalanced events after a successful read: sequences " + sequences
                        + ", items " + items + ", fragments open " + inFragments);
            }
        }
    }

    // ---- mutation operators ----------------------------------------------------------------------

    private static byte[] flipBits(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            int at = r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    /** Overwrites one length field of the seed (or, after other damage, whatever is there) with a forged value. */
    private static byte[] forgeLength(Random r, Seed s, byte[] b) {
        Fields fields = s.lengthFields();
        if (fields.offsets().length == 0 || b.length < 4) {
            return flipBits(r, b);
        }
        int k = r.nextInt(fields.offsets().length);
        int at = fields.offsets()[k];
        int width = fields.widths()[k];
        if (at + width > b.length) {
            return flipBits(r, b);
        }
        boolean bigEndian = fields.bigEndian()[k];
        long old = width == 2 ? u16(b, at, bigEndian) : u32(b, at, bigEndian);
        long forged = switch (r.nextInt(12)) {
            case 0 -> 0xFFFFFFFFL;
            case 1 -> 0xFFFFFFFEL;
            case 2 -> 0x7FFFFFFFL;
            case 3 -> 0x80000000L;
            case 4 -> ReadOptions.DEFAULT_MAX_VALUE_LENGTH + 2;
            case 5 -> 0;
            case 6 -> old + 1;
            case 7 -> Math.max(0, old - 1);
            case 8 -> old + 2 + r.nextInt(64);
            case 9 -> b.length - at;
            case 10 -> old * 2;
            default -> r.nextLong() & 0xFFFFFFFFL;
        };
        if (width == 2) {
            forged = forged > 0xFFFF ? 0xFFFF - r.nextInt(2) : forged;
            put(b, at, 2, forged, bigEndian);
        } else {
            put(b, at, 4, forged, bigEndian);
        }
        return b;
    }

    private static byte[] insertRandom(Random r, byte[] b) {
        byte[] ins = new byte[1 + r.nextInt(12)];
        r.nextBytes(ins);
        int at = r.nextInt(b.length + 1);
        return concat(Arrays.copyOfRange(b, 0, at), ins, Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] delete(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int at = r.nextInt(b.length);
        int n = Math.min(1 + r.nextInt(12), b.length - at);
        return concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, at + n, b.length));
    }

    /** Copies a stretch of the file elsewhere: splices headers into values and items into items. */
    private static byte[] duplicate(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int n = Math.min(1 + r.nextInt(64), b.length - from);
        int at = r.nextInt(b.length + 1);
        return concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, from, from + n),
                Arrays.copyOfRange(b, at, b.length));
    }

    // ---- seeds -----------------------------------------------------------------------------------

    private static Seed part10(String name, Attributes ds, TransferSyntax ts) throws IOException {
        if (ts.deflated()) {
            byte[] prefix = toBytes(new Attributes(), ts);
            // An empty deflated data set still has the deflate stream's end: cut back to the meta information.
            prefix = Arrays.copyOf(prefix, metaEnd(prefix));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            new DataSetWriter(body, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(ds);
            byte[] inflated = body.toByteArray();
            return new Seed(name, prefix, inflated, true, lengthFields(inflated, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        }
        return seed(name, toBytes(ds, ts));
    }

    private static Seed withoutMeta(String name, Attributes ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataSetWriter(out, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN).write(ds);
        return seed(name, out.toByteArray());
    }

    /** The same data set with every sequence and item of defined length, as many writers send them. */
    private static Seed definedLengths(String name, Attributes ds, boolean explicit) throws IOException {
        TransferSyntax ts = explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        byte[] prefix = toBytes(new Attributes(), ts);
        return seed(name, concat(prefix, DefinedLengthEncoder.encode(ds, explicit)));
    }

    private static Seed seed(String name, byte[] file) throws IOException {
        return new Seed(name, new byte[0], file, false, lengthFields(file, null));
    }

    private static byte[] toBytes(Attributes ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, Part10Writer.fileMetaInformation("1.2.840.10008.5.1.4.1.1.7", "1.2.3.4", ts.uid()), ds);
        return out.toByteArray();
    }

    private static int metaEnd(byte[] file) {
        // Preamble 128 + "DICM" 4 + (0002,0000) UL header 8 + value 4, then the group's length.
        return 144 + (int) u32(file, 140, false);
    }

    private static Attributes nested(int depth) {
        Attributes root = new Attributes();
        root.setString(0x00080018, VR.UI, "1.2.3.4");
        Attributes current = root;
        for (int i = 0; i < depth; i++) {
            Sequence s = current.newSequence(0x0040A730, 1);
            current = s.addItem();
            current.setString(0x0040A040, VR.CS, "CONTAINER");
            current.setString(0x0040A160, VR.UT, "level " + i);
        }
        return root;
    }

    private static Attributes withBulkValue() {
        Attributes ds = new Attributes();
        ds.setString(0x00080018, VR.UI, "1.2.3.4.5");
        ds.setInt(0x00280010, VR.US, 128);
        ds.setInt(0x00280011, VR.US, 300);
        ds.setBytes(0x00420011, VR.OB, TestDataSets.pixels(70_000));
        ds.setBytes(0x7FE00010, VR.OW, TestDataSets.pixels(128 * 300 * 2));
        return ds;
    }

    /** Length fields of a seed: offset, width (2 or 4 bytes) and byte order of each. */
    record Fields(int[] offsets, int[] widths, boolean[] bigEndian) {
    }

    /**
     * Where the length fields are: found by streaming the valid input (each value's offset minus its
     * header's length field) and by scanning for item tags and long-header VRs, which also finds
     * sequence, item and delimiter lengths.
     *
     * @param dataSetSyntax the syntax of a bare data set, or null for a whole file
     */
    private static Fields lengthFields(byte[] bytes, TransferSyntax dataSetSyntax) throws IOException {
        List<int[]> found = new ArrayList<>();
        TransferSyntax ts;
        int dataSetStart = 0;
        LengthFieldRecorder recorder = new LengthFieldRecorder(found);
        if (dataSetSyntax != null) {
            ts = dataSetSyntax;
            recorder.explicit = ts.explicitVR();
            new DataSetReader(new ByteArrayInputStream(bytes), ts, ReadOptions.defaults()).read(recorder);
        } else {
            try (Part10Reader reader = new Part10Reader(new ByteArrayInputStream(bytes), ReadOptions.defaults())) {
                ts = reader.transferSyntax();
                recorder.explicit = ts.explicitVR();
                if (!ts.deflated()) {
                    reader.readDataSet(recorder);
                }
            }
            if (bytes.length > 144 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M') {
                dataSetStart = metaEnd(bytes);
            }
        }
        for (int i = 0; i + 8 <= bytes.length; i++) {
            int b0 = bytes[i] & 0xFF;
            int b1 = bytes[i + 1] & 0xFF;
            int b2 = bytes[i + 2] & 0xFF;
            int b3 = bytes[i + 3] & 0xFF;
            boolean itemLE = b0 == 0xFE && b1 == 0xFF && (b2 == 0x00 || b2 == 0x0D || b2 == 0xDD) && b3 == 0xE0;
            boolean itemBE = b0 == 0xFF && b1 == 0xFE && b2 == 0xE0 && (b3 == 0x00 || b3 == 0x0D || b3 == 0xDD);
            if (itemLE || itemBE) {
                found.add(new int[] {i + 4, 4});
            }
            VR vr = VR.ofCode((b0 << 8) | b1);
            if (vr != null && vr.hasLongHeader() && b2 == 0 && b3 == 0 && i >= 4) {
                found.add(new int[] {i + 4, 4});
            }
        }
        int[] offsets = new int[found.size()];
        int[] widths = new int[found.size()];
        boolean[] bigEndian = new boolean[found.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = found.get(i)[0];
            widths[i] = found.get(i)[1];
            bigEndian[i] = ts.bigEndian() && offsets[i] >= dataSetStart;
        }
        return new Fields(offsets, widths, bigEndian);
    }

    /** Records the length field in front of each value: 2 bytes for short explicit headers, else 4. */
    private static final class LengthFieldRecorder implements DataSetHandler {
        private final List<int[]> found;
        boolean explicit;

        LengthFieldRecorder(List<int[]> found) {
            this.found = found;
        }

        @Override
        public void element(int tag, VR vr, ValueInput value) {
            int width = explicit && !vr.hasLongHeader() ? 2 : 4;
            found.add(new int[] {(int) value.offset() - width, width});
        }

        @Override
        public void fragment(ValueInput value) {
            found.add(new int[] {(int) value.offset() - 4, 4});
        }

        @Override
        public void startSequence(int tag, VR vr, long length) {
        }

        @Override
        public void startItem(long length) {
        }

        @Override
        public void endItem() {
        }

        @Override
        public void endSequence() {
        }

        @Override
        public void startFragments(int tag, VR vr) {
        }

        @Override
        public void endFragments() {
        }
    }

    /** Explicit or implicit VR Little Endian with defined lengths for every sequence and item. */
    static final class DefinedLengthEncoder {
        private DefinedLengthEncoder() {
        }

        static byte[] encode(Attributes ds, boolean explicit) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < ds.size(); i++) {
                int tag = ds.tagAt(i);
                VR vr = ds.vrAt(i);
                Object v = ds.valueAt(i);
                if (v instanceof Sequence s) {
                    ByteArrayOutputStream items = new ByteArrayOutputStream();
                    for (Attributes item : s) {
                        byte[] body = encode(item, explicit);
                        items.writeBytes(MalformedInputTest.itemHeader(Tag.ITEM, body.length));
                        items.writeBytes(body);
                    }
                    header(out, tag, vr, items.size(), explicit);
                    items.writeTo(out);
                } else if (v instanceof Fragments f) {
                    header(out, tag, vr, 0xFFFFFFFFL, explicit);
                    for (Object fragment : f) {
                        byte[] b = fragment instanceof byte[] bytes ? bytes : ((BulkData) fragment).openStream().readAllBytes();
                        out.writeBytes(MalformedInputTest.itemHeader(Tag.ITEM, b.length));
                        out.writeBytes(b);
                    }
                    out.writeBytes(MalformedInputTest.itemHeader(Tag.SEQUENCE_DELIMITATION, 0));
                } else {
                    byte[] b = v instanceof BulkData bulk ? bulk.openStream().readAllBytes() : ds.encodedBytes(i);
                    int padded = b.length + (b.length & 1);
                    header(out, tag, vr, padded, explicit);
                    out.writeBytes(b);
                    if (padded != b.length) {
                        out.write(vr.paddingByte());
                    }
                }
            }
            return out.toByteArray();
        }

        private static void header(ByteArrayOutputStream out, int tag, VR vr, long length, boolean explicit) {
            if (!explicit) {
                out.writeBytes(MalformedInputTest.itemHeader(tag, length));
            } else if (vr.hasLongHeader()) {
                out.writeBytes(MalformedInputTest.longHeader(tag, vr.name(), length));
            } else {
                out.writeBytes(MalformedInputTest.shortHeader(tag, vr.name(), (int) length));
            }
        }
    }

    // ---- bytes -----------------------------------------------------------------------------------

    static byte[] concat(byte[]... parts) {
        return MalformedInputTest.concat(parts);
    }

    static byte[] deflate(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream dout = new DeflaterOutputStream(out, d)) {
            dout.write(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    private static long u16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF) : ((b[at + 1] & 0xFF) << 8) | (b[at] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            int idx = bigEndian ? at + k : at + 3 - k;
            v = (v << 8) | (b[idx] & 0xFF);
        }
        return v;
    }

    private static void put(byte[] b, int at, int width, long v, boolean bigEndian) {
        for (int k = 0; k < width; k++) {
            int shift = 8 * (bigEndian ? width - 1 - k : k);
            b[at + k] = (byte) (v >>> shift);
        }
    }
}

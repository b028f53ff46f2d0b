// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;

/**
 * A benchmark, not a test: reads every {@code .dcm} file of a directory (CT images, 512x512 16-bit)
 * header only, fully with bulk data as file references, and fully into memory; after warm-up rounds
 * it times several rounds and prints the median as data sets/s and MB/s. Run by
 * {@code scripts/bench-dicom.sh}, which times DCMTK's dcmdump on the same files in the same run.
 *
 * <pre>{@code java -cp dicom/target/classes:dicom/target/test-classes org.pacs.dicom.bench.CtReadBench DIR [ROUNDS]}</pre>
 */
public final class CtReadBench {
    /** Warm-up lasts at least this many rounds and this long, so C2 has compiled the read path. */
    private static final int WARM_UP_ROUNDS = 5;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    /** Written so the JIT cannot drop the reads as dead code. */
    private static volatile long sink;

    private CtReadBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CtReadBench DIR [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        ReadOptions defaults = ReadOptions.defaults();
        measure("header only (stop at Pixel Data)", files, bytes, rounds, defaults.withStopTag(Tag.PIXEL_DATA));
        measure("full read, bulk data as file references", files, bytes, rounds, defaults);
        measure("full read, bulk data in memory", files, bytes, rounds,
                defaults.withBulkData(BulkDataPolicy.inMemory(), Long.MAX_VALUE));
    }

    private static void measure(String name, List<Path> files, long bytes, int rounds, ReadOptions options)
            throws IOException {
        long warmUpStart = System.nanoTime();
        for (int i = 0; i < WARM_UP_ROUNDS || System.nanoTime() - warmUpStart < WARM_UP_NANOS; i++) {
            round(files, options);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            nanos[i] = round(files, options);
        }
        Arrays.sort(nanos);
        double median = nanos[rounds / 2] / 1e9;
        // Tab-separated for the script: name, files, bytes, median seconds, data sets/s, MB/s (file bytes).
        System.out.printf("RESULT\t%s\t%d\t%d\t%.4f\t%.0f\t%.0f%n", name, files.size(), bytes, median,
                files.size() / median, bytes / median / 1e6);
    }

    private static long round(List<Path> files, ReadOptions options) throws IOException {
        long start = System.nanoTime();
        long seen = 0;
        for (Path f : files) {
            Attributes ds = Part10Reader.read(f, options).dataSet();
            seen += ds.size();
            byte[] pixels = ds.getBytes(Tag.PIXEL_DATA);
            seen += pixels != null ? pixels.length : 0;
        }
        sink += seen;
        return System.nanoTime() - start;
    }
}

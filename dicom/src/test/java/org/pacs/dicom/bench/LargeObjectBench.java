// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;

/**
 * A benchmark, not a test: fully reads one large file (e.g. a 1 GiB multi-frame object) with the
 * default options, bulk data as references into the file, then streams the Pixel Data through those
 * references; prints the peak heap (all heap pools, from {@link MemoryPoolMXBean}) and the process's
 * peak resident set. Meant to run in a child JVM with a small {@code -Xmx} to show the heap does not
 * grow with the object.
 *
 * <pre>{@code java -Xmx64m -cp ... org.pacs.dicom.bench.LargeObjectBench FILE}</pre>
 */
public final class LargeObjectBench {
    private LargeObjectBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        Attributes ds = Part10Reader.read(file).dataSet();
        double parseSeconds = (System.nanoTime() - start) / 1e9;
        long references = 0;
        long pixelBytes = 0;
        start = System.nanoTime();
        Object pixels = ds.getValue(Tag.PIXEL_DATA);
        if (pixels instanceof BulkData b) {
            references = 1;
            pixelBytes = drain(b);
        } else if (pixels instanceof Fragments f) {
            for (Object fragment : f) {
                if (fragment instanceof BulkData b) {
                    references++;
                    pixelBytes += drain(b);
                }
            }
        }
        double streamSeconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        // Tab-separated for the script.
        System.out.printf("RESULT\t%d\t%d\t%.3f\t%d\t%.3f\t%d\t%d\t%s%n", Files.size(file), ds.size(), parseSeconds,
                references, streamSeconds, peakHeap, Runtime.getRuntime().maxMemory(), peakRss());
    }

    private static long drain(BulkData b) throws IOException {
        try (InputStream in = b.openStream()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** VmHWM from /proc/self/status (Linux), or "n/a". */
    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report nothing
        }
        return "n/a";
    }
}

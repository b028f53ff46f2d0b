// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one import did: how many objects were stored and, per {@link SkipReason}, which files were left
 * out and why. File names can carry patient names, so the report is only printed to the operator's
 * terminal, never logged or written to disk.
 */
public final class ImportReport {
    /** A file (or zip entry) left out, with the detail that explains it (no patient data). */
    public record Skipped(String path, SkipReason reason, String detail) {
    }

    private long stored;
    private final Map<SkipReason, List<Skipped>> skipped = new EnumMap<>(SkipReason.class);

    void stored() {
        stored++;
    }

    void skipped(String path, SkipReason reason, String detail) {
        skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(new Skipped(path, reason, detail));
    }

    public long storedCount() {
        return stored;
    }

    public long count(SkipReason reason) {
        return skipped.getOrDefault(reason, List.of()).size();
    }

    public List<Skipped> skipped(SkipReason reason) {
        return List.copyOf(skipped.getOrDefault(reason, List.of()));
    }

    /**
     * Prints the counts, then the files per reason. Files done by an earlier run and duplicates are
     * listed only as counts (they are expected on a re-run), unless {@code verbose}.
     */
    public void print(PrintStream out, boolean verbose) {
        out.printf("stored: %d%n", stored);
        for (SkipReason r : SkipReason.values()) {
            if (count(r) > 0) {
                out.printf("skipped, %s: %d%n", r.text(), count(r));
            }
        }
        for (SkipReason r : SkipReason.values()) {
            boolean expected = r == SkipReason.DONE_EARLIER || r == SkipReason.DUPLICATE;
            if (count(r) == 0 || (expected && !verbose)) {
                continue;
            }
            out.printf("%n%s:%n", r.text());
            for (Skipped s : skipped.get(r)) {
                out.println("  " + s.path() + (s.detail() == null ? "" : "  (" + s.detail() + ")"));
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.verify;

import java.io.PrintStream;
import java.util.List;

/**
 * What {@link ArchiveVerifier} found. Blobs are named by their store id only: the SOP Instance UID
 * bound to each stays out of the output, as it stays out of logs.
 *
 * @param verified blobs that decrypted completely, authenticated, with the size and SHA-256 the catalog holds
 * @param damaged blobs whose authentication failed or that could not be read, with the reason
 * @param missing blobs the catalog (or the ingest journal) names but the store does not hold
 * @param orphans blobs in the store that nothing names
 * @param journaled blobs acknowledged to a sender but not yet in the catalog (recovered at the next start)
 */
public record VerifyReport(long verified, List<Problem> damaged, List<String> missing, List<String> orphans,
        int journaled) {

    /** One blob that failed, and why. */
    public record Problem(String blobId, String reason) {
    }

    public VerifyReport {
        damaged = List.copyOf(damaged);
        missing = List.copyOf(missing);
        orphans = List.copyOf(orphans);
    }

    /** Damage: anything the catalog names that cannot be read back exactly. Orphans only waste space. */
    public boolean intact() {
        return damaged.isEmpty() && missing.isEmpty();
    }

    public void print(PrintStream out) {
        out.println("verified: " + verified + " blobs authentic and matching the catalog"
                + (journaled > 0 ? " (" + journaled + " of them from the ingest journal, catalogued at the next start)" : ""));
        for (Problem p : damaged) {
            out.println("DAMAGED: blob " + p.blobId() + ": " + p.reason());
        }
        for (String id : missing) {
            out.println("MISSING: blob " + id + " is in the catalog but not in the blob store");
        }
        for (String id : orphans) {
            out.println("orphan:  blob " + id + " is in the blob store but not in the catalog");
        }
        out.printf("summary: %d verified, %d damaged, %d missing, %d orphans%n", verified, damaged.size(),
                missing.size(), orphans.size());
        if (!intact()) {
            out.println("The damaged and missing objects cannot be served. Restore them from a backup"
                    + " (./pacs restore into a new directory, then compare), and check the disk (SMART, fsck).");
        } else if (!orphans.isEmpty()) {
            out.println("Orphans are left by an interrupted store or delete; they hold no catalogued data.");
        }
    }
}

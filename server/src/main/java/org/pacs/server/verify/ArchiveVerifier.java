// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.ingest.IngestJournal;
import org.pacs.storage.blob.BlobIntegrityException;
import org.pacs.storage.blob.BlobNotFoundException;
import org.pacs.storage.blob.BlobStore;

/**
 * Checks an archive's stored objects: every blob the catalog or the ingest journal names is decrypted
 * to its end (the output discarded), so each 1 MiB segment's authentication tag is checked, and its
 * size and SHA-256 compared with the catalog's; then every blob the store holds is looked up in the
 * catalog, and those nothing names are reported as orphans. Reads only.
 *
 * <p>On a running archive the store is listed before the catalog is read, so a blob stored meanwhile is
 * not taken for an orphan: it is either in neither list, or named by the catalog or the ingest journal.
 *
 * <pre>{@code
 * Set<String> stored = view.blobIds();          // first
 * VerifyReport report = new ArchiveVerifier(store, stored, catalog, journal.entries()).run(bar::set);
 * }</pre>
 */
public final class ArchiveVerifier {
    private static final int PAGE = 500;

    private final BlobStore store;
    private final Set<String> storedBefore;
    private final Catalog catalog;
    private final List<IngestJournal.Entry> journal;

    /**
     * @param storedBefore the ids of the blobs the store held before the catalog was read
     * @param journal the ingest journal's entries, read after the catalog
     */
    public ArchiveVerifier(BlobStore store, Set<String> storedBefore, Catalog catalog,
            List<IngestJournal.Entry> journal) {
        this.store = store;
        this.storedBefore = Set.copyOf(storedBefore);
        this.catalog = catalog;
        this.journal = List.copyOf(journal);
    }

    /** The number of blobs {@link #run} decrypts: the catalog's instances and the journal's entries. */
    public long expected() {
        return catalog.countInstances() + journal.size();
    }

    /** Verifies everything; {@code progress} gets the number of blobs checked so far. */
    public VerifyReport run(LongConsumer progress) throws IOException {
        Set<String> named = new HashSet<>();
        List<VerifyReport.Problem> damaged = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        long verified = 0;
        long done = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<Object[]> page = catalog.read(s -> s.createSelectionQuery(
                    "select i.id, i.blob from Instance i where i.id > :after order by i.id", Object[].class)
                    .setParameter("after", from).setMaxResults(PAGE).getResultList());
            if (page.isEmpty()) {
                break;
            }
            for (Object[] row : page) {
                after = (Long) row[0];
                BlobLocation blob = (BlobLocation) row[1];
                named.add(blob.blobId());
                verified += check(blob, damaged, missing) ? 1 : 0;
                progress.accept(++done);
            }
        }
        int journaled = 0;
        for (IngestJournal.Entry e : journal) {
            if (named.add(e.blob().blobId())) {
                journaled++;
                verified += check(e.blob(), damaged, missing) ? 1 : 0;
            }
            progress.accept(++done);
        }
        List<String> orphans = storedBefore.stream().filter(id -> !named.contains(id)).sorted().toList();
        return new VerifyReport(verified, damaged, missing, orphans, journaled);
    }

    private boolean check(BlobLocation blob, List<VerifyReport.Problem> damaged, List<String> missing) {
        try {
            store.verify(blob.toBlobRef());
            return true;
        } catch (BlobNotFoundException e) {
            missing.add(blob.blobId());
        } catch (BlobIntegrityException e) {
            damaged.add(new VerifyReport.Problem(blob.blobId(), e.getMessage()));
        } catch (IOException | RuntimeException e) {
            damaged.add(new VerifyReport.Problem(blob.blobId(), "unreadable: " + e.getMessage()));
        }
        return false;
    }
}

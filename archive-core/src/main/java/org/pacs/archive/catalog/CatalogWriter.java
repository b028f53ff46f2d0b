// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/**
 * Every change to the catalog, each in one transaction that also keeps the derived attributes (counts,
 * Modalities in Study, SOP Classes in Study) and, on commit, the index. The ingest path calls
 * {@link #record} once the blob is durable; exactly one blob per instance is then referenced.
 * Writers in this process take turns; a conflict with another process (a second archive on the same
 * PostgreSQL database) is retried after a short random pause, so that the two stop meeting.
 */
public final class CatalogWriter {
    // Two archives storing one series at once meet on its study and series rows at every instance.
    private static final int ATTEMPTS = 10;
    private static final long MAX_PAUSE_MILLIS = 200;

    private final Catalog catalog;
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock = Clock.systemUTC();

    CatalogWriter(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Like {@link #record(Attributes, String, BlobLocation, DuplicatePolicy)}, taking (0002,0010) from {@code header}. */
    public RecordResult record(Attributes header, BlobLocation blob, DuplicatePolicy policy) {
        String ts = header.getString(Tags.TransferSyntaxUID);
        if (ts == null) {
            throw new IllegalArgumentException("Transfer Syntax UID (0002,0010) is missing from the header");
        }
        return record(header, ts, blob, policy);
    }

    /**
     * Records one instance whose blob is already durable.
     *
     * @param header the data set as stored (bulk data is left out of the catalog)
     * @param transferSyntaxUid the transfer syntax of the stored blob
     * @throws IllegalArgumentException if a unique key is missing, the series is recorded under
     *     another study, or the header (without bulk data, deflated) exceeds {@link InstanceHeader#MAX_LENGTH}
     * @throws CatalogException if the database fails
     */
    public RecordResult record(Attributes header, String transferSyntaxUid, BlobLocation blob, DuplicatePolicy policy) {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(policy, "policy");
        InstanceFacts facts = InstanceFacts.of(header, transferSyntaxUid);
        byte[] encoded = HeaderCodec.encode(header);
        if (encoded.length > InstanceHeader.MAX_LENGTH) {
            throw new IllegalArgumentException("The header is larger than the catalog keeps ("
                    + encoded.length + " bytes deflated, at most " + InstanceHeader.MAX_LENGTH + ")");
        }
        return withRetry("record", s -> new Recording(s, facts, encoded, blob, clock.instant()).run(policy));
    }

    /**
     * Deletes a study with its series and instances (and its patient if it has no other study).
     *
     * @return the blobs no longer referenced, for the caller to delete; empty if the study is unknown
     */
    public List<BlobLocation> deleteStudy(String studyInstanceUid) {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        return withRetry("delete study", s -> new Removal(s, clock.instant()).deleteStudy(studyInstanceUid));
    }

    private <T> T withRetry(String what, Function<Session, T> work) {
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return catalog.write(what, work);
                } catch (RuntimeException e) {
                    if (!isRetryable(e) || attempt == ATTEMPTS) {
                        throw isRetryable(e) ? CatalogException.redacted(what, e) : e;
                    }
                    pause(what, attempt);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Up to 10, 20, 40 ... {@value #MAX_PAUSE_MILLIS} ms, at random. */
    private static void pause(String what, int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException(what + ": interrupted while waiting to retry");
        }
    }

    /**
     * A concurrent writer elsewhere got there first: running again will see its work. SQL state class
     * 40 (transaction rollback: serialization failure, deadlock) says the same in the database's words.
     */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t instanceof ConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}

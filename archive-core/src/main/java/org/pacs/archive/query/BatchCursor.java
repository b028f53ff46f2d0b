// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import jakarta.persistence.PersistenceException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.CatalogException;
import org.pacs.archive.catalog.Patient;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/**
 * {@link QueryResults} over batches of matches: a subclass produces the next batch (each in a short
 * read-only transaction), this class skips the offset, stops at the limit, and honours cancellation
 * between matches.
 */
abstract class BatchCursor implements QueryResults {
    protected final Session session;
    protected final ParsedQuery query;
    protected final ResponseBuilder responses;
    protected final LevelRecords records;
    private final ArrayDeque<Attributes> buffer = new ArrayDeque<>();
    private final int offset;
    private final int limit;
    private int skipped;
    private int returned;
    private boolean exhausted;
    private boolean closed;
    private volatile boolean cancelled;

    /** {@code offset} and {@code limit} as left for this cursor (the index may have applied them). */
    BatchCursor(Session session, ParsedQuery query, int offset, int limit) {
        this.session = session;
        this.query = query;
        this.responses = new ResponseBuilder(query);
        this.records = new LevelRecords(session);
        this.offset = offset;
        this.limit = limit;
        this.needsPatientCounts = query.returnKeys.stream().anyMatch(k -> PATIENT_COUNTS.contains(k.tag()))
                || query.matchersAt(QueryRetrieveLevel.PATIENT).stream().anyMatch(m -> PATIENT_COUNTS.contains(m.tag()));
    }

    /**
     * The patient's record; with Number of Patient Related Studies, Series and Instances when asked for,
     * counted over the studies the caller may see.
     */
    protected final Attributes patientRecord(Patient patient) {
        if (!needsPatientCounts) {
            return records.patient(patient);
        }
        int[] c = patientCounts.computeIfAbsent(patient.getId(), id -> {
            int[] sum = new int[3];
            AccessScope scope = query.request.scope();
            session.createSelectionQuery("""
                    select st.studyInstanceUid, st.referringPhysicianName, st.numberOfStudyRelatedSeries,
                           st.numberOfStudyRelatedInstances
                    from Study st where st.patient.id = :p""", Object[].class)
                    .setParameter("p", id).getResultList().stream()
                    .filter(r -> scope.permits((String) r[0], (String) r[1]))
                    .forEach(r -> {
                        sum[0]++;
                        sum[1] += (Integer) r[2];
                        sum[2] += (Integer) r[3];
                    });
            return sum;
        });
        return records.patient(patient, c[0], c[1], c[2]);
    }

    /** True if every matcher matches the entity's record. */
    protected static boolean allMatch(List<KeyMatcher> matchers, Attributes record) {
        for (KeyMatcher m : matchers) {
            if (!m.matches(record)) {
                return false;
            }
        }
        return true;
    }

    private static final Set<Integer> PATIENT_COUNTS = Set.of(Tags.NumberOfPatientRelatedStudies,
            Tags.NumberOfPatientRelatedSeries, Tags.NumberOfPatientRelatedInstances);
    private final Map<Long, int[]> patientCounts = new HashMap<>();
    private final boolean needsPatientCounts;

    /** The next batch of responses, or null when there are no more. */
    protected abstract List<Attributes> nextBatch();

    /** Releases what the subclass holds (an index scroll). */
    protected void release() {
    }

    @Override
    public final boolean hasNext() {
        if (closed) {
            return false;
        }
        while (buffer.isEmpty() && !exhausted && !cancelled && !limitReached()) {
            List<Attributes> batch = inTransaction(this::nextBatch);
            session.clear();
            records.clear();
            if (batch == null) {
                exhausted = true;
                break;
            }
            for (Attributes a : batch) {
                if (skipped < offset) {
                    skipped++;
                } else {
                    buffer.add(a);
                }
            }
        }
        if (cancelled || buffer.isEmpty() || limitReached()) {
            close();
            return false;
        }
        return true;
    }

    private boolean limitReached() {
        return limit > 0 && returned >= limit;
    }

    @Override
    public final Attributes next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return buffer.poll();
    }

    protected final <T> T inTransaction(Supplier<T> work) {
        Transaction tx = session.beginTransaction();
        try {
            T result = work.get();
            tx.commit();
            return result;
        } catch (PersistenceException e) {
            rollback(tx);
            close();
            throw new CatalogException("query failed reading the catalog: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            rollback(tx);
            close();
            throw e;
        }
    }

    private static void rollback(Transaction tx) {
        if (tx.isActive()) {
            tx.rollback();
        }
    }

    @Override
    public final void cancel() {
        cancelled = true;
    }

    @Override
    public final boolean isCancelled() {
        return cancelled;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        buffer.clear();
        try {
            release();
        } finally {
            session.close();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.dicom.net.Association;

/** Keeps what the services audit; a query can be held at the hook until the test lets it go. */
final class RecordingAudit implements AuditHook {
    record Retrieved(String destination, String patientId, Set<String> studies, RetrieveOutcome outcome) {
    }

    record Denied(String what, String reason) {
    }

    final List<byte[]> queries = new CopyOnWriteArrayList<>();
    final List<Retrieved> retrieved = new CopyOnWriteArrayList<>();
    final List<Denied> denied = new CopyOnWriteArrayList<>();
    volatile CountDownLatch queryEntered;
    volatile CountDownLatch releaseQuery;

    /** The next query waits at the hook: {@link #queryEntered} opens, then it waits for {@link #releaseQuery}. */
    void holdNextQuery() {
        queryEntered = new CountDownLatch(1);
        releaseQuery = new CountDownLatch(1);
    }

    @Override
    public void query(Association association, String sopClassUid, byte[] identifier, String transferSyntaxUid) {
        queries.add(identifier);
        CountDownLatch entered = queryEntered;
        CountDownLatch release = releaseQuery;
        if (entered != null) {
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("query held too long");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void retrieved(Association association, String destinationAeTitle, String patientId,
            Set<String> studyInstanceUids, RetrieveOutcome outcome) {
        retrieved.add(new Retrieved(destinationAeTitle, patientId, Set.copyOf(studyInstanceUids), outcome));
    }

    @Override
    public void denied(Association association, String what, String reason) {
        denied.add(new Denied(what, reason));
    }
}

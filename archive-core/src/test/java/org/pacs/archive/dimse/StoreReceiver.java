// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Implementation;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.NRequest;
import org.pacs.dicom.net.service.NResult;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.service.StoreRequest;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * A C-MOVE destination or Storage Commitment requestor for tests: accepts CT and MR storage in the
 * given transfer syntaxes (and Storage Commitment in the SCU role, for reports on a new association),
 * keeping every data set and event report it receives.
 */
final class StoreReceiver implements AutoCloseable {
    record Received(StoreRequest request, byte[] dataSet) {
    }

    /** Runs before a C-STORE is answered (e.g. to hold it until a test has sent C-CANCEL). */
    @FunctionalInterface
    interface BeforeAnswer {
        void run(int index) throws IOException;
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final BlockingQueue<NRequest> eventReports = new LinkedBlockingQueue<>();
    volatile BeforeAnswer beforeAnswer = i -> { };
    private final Acceptor acceptor;

    StoreReceiver(TlsPolicy tls, String... transferSyntaxes) throws IOException {
        ServiceRegistry services = ServiceRegistry.builder()
                .store((as, rq, data) -> {
                    byte[] bytes = data.readAllBytes();
                    received.add(new Received(rq, bytes));
                    beforeAnswer.run(received.size());
                    return Status.SUCCESS;
                })
                .eventReport((as, rq) -> {
                    eventReports.add(rq);
                    return NResult.status(Status.SUCCESS);
                })
                .build();
        List<TransferCapability> caps = new ArrayList<>();
        caps.add(TransferCapability.scp(TestArchive.CT, transferSyntaxes));
        caps.add(TransferCapability.scp(TestArchive.MR, transferSyntaxes));
        caps.add(TransferCapability.scu(UID.StorageCommitmentPushModel, TestArchive.ELE, TestArchive.ILE));
        AcceptorSettings settings = new AcceptorSettings(caps, TransferSyntaxPreference.ACCEPTOR, 256 * 1024,
                Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, null);
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, TestArchive.LIMITS, tls);
    }

    int port() {
        return acceptor.port();
    }

    Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected one stored instance, got " + received.size());
        }
        return received.getFirst();
    }

    @Override
    public void close() {
        acceptor.close();
    }
}

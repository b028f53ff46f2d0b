// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.logging.Logger;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.CStoreScp;
import org.pacs.dicom.net.service.StoreRequest;

/**
 * C-STORE as SCP (PS3.4 Annex B): asks {@link PeerAccess} whether the peer may store, then hands the
 * streaming data set to the one {@link IngestPipeline}. The status returned is the ingest's.
 */
public final class ArchiveStoreScp implements CStoreScp {
    private static final Logger LOG = Logger.getLogger(ArchiveStoreScp.class.getName());

    private final PeerAccess access;
    private final IngestPipeline ingest;

    public ArchiveStoreScp(PeerAccess access, IngestPipeline ingest) {
        this.access = access;
        this.ingest = ingest;
    }

    @Override
    public int store(Association association, StoreRequest request, InputStream dataSet) throws IOException {
        return storeWithComment(association, request, dataSet).status();
    }

    @Override
    public Result storeWithComment(Association association, StoreRequest request, InputStream dataSet)
            throws IOException {
        PeerAccess.Decision decision = access.mayStore(association);
        if (!decision.allowed()) {
            LOG.warning("C-STORE refused: " + decision.reason());
            return new Result(Status.NOT_AUTHORIZED, "Not authorized to store");
        }
        IngestOutcome outcome = ingest.ingest(new IngestRequest(request.sopClassUid(), request.sopInstanceUid(),
                request.transferSyntax(), IngestSource.dicom(association.callingAeTitle(), address(association))),
                dataSet);
        if (!outcome.stored()) {
            LOG.info("C-STORE of SOP Instance " + request.sopInstanceUid() + " from " + association.callingAeTitle()
                    + " failed " + Integer.toHexString(outcome.status()) + ": " + outcome.errorComment());
        }
        return new Result(outcome.status(), outcome.errorComment());
    }

    static String address(Association association) {
        InetSocketAddress a = association.peer().address();
        return a == null ? "" : a.getAddress().getHostAddress();
    }
}

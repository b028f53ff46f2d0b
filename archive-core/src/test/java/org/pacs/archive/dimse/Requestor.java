// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.List;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;

/** Opens test associations to the archive as AE "VIEWER" and builds identifiers. */
final class Requestor {
    static final String AE = "VIEWER";

    private Requestor() {
    }

    static Association connect(Connector connector, int port, List<PresentationContextRQ> contexts,
            List<RoleSelection> roles, RequestHandler handler) throws IOException {
        AAssociateRQ base = Connector.request(TestArchive.AE, AE, contexts, TestArchive.LIMITS);
        AAssociateRQ rq = new AAssociateRQ(base.calledAeTitle(), base.callingAeTitle(), base.presentationContexts(),
                base.userInformation().withRoleSelections(roles));
        return connector.connect("127.0.0.1", port, rq, handler);
    }

    static Association connect(Connector connector, int port, String sopClass, String... transferSyntaxes)
            throws IOException {
        return connect(connector, port, List.of(new PresentationContextRQ(1, sopClass, transferSyntaxes)), List.of(),
                null);
    }

    /** An identifier at {@code level} with one key and its values. */
    static Attributes keys(String level, int tag, VR vr, String... values) {
        Attributes keys = new Attributes();
        keys.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        keys.setString(tag, vr, values);
        return keys;
    }
}

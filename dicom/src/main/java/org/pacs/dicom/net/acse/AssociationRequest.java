// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import org.pacs.dicom.net.pdu.AAssociateRQ;

/**
 * Everything an {@link AssociationPolicy} decides on: the request (calling and called AE title,
 * proposed contexts, extended negotiation), the peer address and certificate chain, and the
 * authenticated user identity ({@code null} when none was sent or none is checked).
 */
public record AssociationRequest(AAssociateRQ request, PeerInfo peer, UserIdentity userIdentity) {

    public String callingAeTitle() {
        return request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request.calledAeTitle();
    }
}

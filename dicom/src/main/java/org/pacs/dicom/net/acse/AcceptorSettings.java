// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.util.List;
import java.util.function.Function;
import org.pacs.dicom.net.pdu.SopClassExtendedNegotiation;

/**
 * What the acceptor side of association negotiation needs to know about the local AE.
 *
 * @param maxPduLength         the largest P-DATA-TF variable field this side accepts (advertised)
 * @param extendedNegotiation  answers a SOP Class Extended Negotiation item with the acceptor's
 *                             service-class-application-information, or null to leave it unanswered
 * @param authenticator        checks user identities; null to ignore them (PS3.7 §D.3.3.7)
 * @param identityRequired     reject requests that carry no user identity
 */
public record AcceptorSettings(List<TransferCapability> capabilities, TransferSyntaxPreference preference,
        int maxPduLength, String implementationClassUid, String implementationVersionName,
        Function<SopClassExtendedNegotiation, byte[]> extendedNegotiation, UserIdentityAuthenticator authenticator,
        boolean identityRequired, AssociationPolicy policy) {

    public AcceptorSettings {
        capabilities = List.copyOf(capabilities);
        if (extendedNegotiation == null) {
            extendedNegotiation = e -> null;
        }
        if (policy == null) {
            policy = AssociationPolicy.acceptAll();
        }
    }
}

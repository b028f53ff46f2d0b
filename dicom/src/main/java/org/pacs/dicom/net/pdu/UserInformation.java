// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.List;

/**
 * User Information item (PS3.8 §9.3.2.3 and PS3.7 Annex D.3.3): the maximum length this side can
 * receive, the implementation identity and the optional negotiation sub-items. Absent optional
 * sub-items are {@code null} or empty lists.
 *
 * @param maxPduLength the largest P-DATA-TF PDU (its variable field) the sender of this item can
 *                     receive; 0 means no limit (PS3.8 §D.1)
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
        AsyncOperationsWindow asyncOperationsWindow, List<RoleSelection> roleSelections,
        List<SopClassExtendedNegotiation> extendedNegotiations,
        List<SopClassCommonExtendedNegotiation> commonExtendedNegotiations, UserIdentityRQ userIdentityRQ,
        UserIdentityAC userIdentityAC) {

    public UserInformation {
        if (maxPduLength < 0 || maxPduLength > 0xffffffffL) {
            throw new IllegalArgumentException("maximum length is a 32-bit unsigned value");
        }
        Uids.check(implementationClassUid);
        if (implementationVersionName != null
                && (implementationVersionName.isEmpty() || implementationVersionName.length() > 16)) {
            throw new IllegalArgumentException("implementation version name must have 1-16 characters");
        }
        roleSelections = List.copyOf(roleSelections);
        extendedNegotiations = List.copyOf(extendedNegotiations);
        commonExtendedNegotiations = List.copyOf(commonExtendedNegotiations);
    }

    /** Only the mandatory sub-items. */
    public UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName) {
        this(maxPduLength, implementationClassUid, implementationVersionName, null, List.of(), List.of(), List.of(),
                null, null);
    }

    public UserInformation withRoleSelections(List<RoleSelection> roles) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roles, extendedNegotiations, commonExtendedNegotiations, userIdentityRQ,
                userIdentityAC);
    }

    public UserInformation withUserIdentity(UserIdentityRQ rq, UserIdentityAC ac) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, extendedNegotiations, commonExtendedNegotiations, rq, ac);
    }

    public UserInformation withExtendedNegotiations(List<SopClassExtendedNegotiation> extended,
            List<SopClassCommonExtendedNegotiation> commonExtended) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName,
                asyncOperationsWindow, roleSelections, extended, commonExtended, userIdentityRQ, userIdentityAC);
    }

    public UserInformation withAsyncOperationsWindow(AsyncOperationsWindow window) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, window,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, userIdentityRQ, userIdentityAC);
    }
}

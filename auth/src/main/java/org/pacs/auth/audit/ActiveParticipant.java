// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.List;
import java.util.Objects;

/**
 * A user or process that took part in an audited event (PS3.15 §A.5.1 ActiveParticipant, conventions in
 * §A.5.2.1): for DICOM peers the UserID is the AE title, for people the user name. Optional fields are
 * {@code null} when absent.
 *
 * @param networkAccessPointTypeCode {@link #MACHINE_NAME}, {@link #IP_ADDRESS} or {@link #URI}, or null
 */
public record ActiveParticipant(String userId, String alternativeUserId, String userName, boolean userIsRequestor,
        List<CodedValue> roleIdCodes, String networkAccessPointId, Integer networkAccessPointTypeCode) {

    /** NetworkAccessPointTypeCode 1: machine name, including DNS name. */
    public static final int MACHINE_NAME = 1;
    /** NetworkAccessPointTypeCode 2: IP address. */
    public static final int IP_ADDRESS = 2;
    /** NetworkAccessPointTypeCode 5: URI. */
    public static final int URI = 5;

    public ActiveParticipant {
        CodedValue.requireText(userId, "userId");
        roleIdCodes = List.copyOf(Objects.requireNonNullElse(roleIdCodes, List.of()));
        if (networkAccessPointTypeCode != null && (networkAccessPointTypeCode < 1 || networkAccessPointTypeCode > 5)) {
            throw new IllegalArgumentException("NetworkAccessPointTypeCode must be 1..5, was " + networkAccessPointTypeCode);
        }
        if (networkAccessPointTypeCode != null && networkAccessPointId == null) {
            throw new IllegalArgumentException("NetworkAccessPointTypeCode without NetworkAccessPointID");
        }
    }

    /** Whether this participant has the role {@code role}. */
    public boolean hasRole(RoleId role) {
        return roleIdCodes.stream().anyMatch(role.coded()::sameCode);
    }
}

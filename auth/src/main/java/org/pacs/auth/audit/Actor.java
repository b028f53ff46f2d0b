// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who took part in an event, before it gets a role in a message: a DICOM application entity (UserID = AE
 * title) or a person (UserID = user name), and where they connected from (PS3.15 §A.5.2.1).
 *
 * @param alternativeUserId e.g. the certificate subject of a TLS peer, or the process ID; null if unknown
 * @param networkAccessPointId the peer's IP address or host name; null if unknown
 */
public record Actor(String userId, String alternativeUserId, String userName, String networkAccessPointId) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public Actor {
        CodedValue.requireText(userId, "userId");
    }

    /** A DICOM peer by its AE title and address. */
    public static Actor ae(String aeTitle, String address) {
        return new Actor(aeTitle.strip(), null, null, address);
    }

    /** A person by user name and the address they came from. */
    public static Actor user(String userName, String address) {
        return new Actor(userName, null, userName, address);
    }

    public Actor withAlternativeUserId(String alternative) {
        return new Actor(userId, alternative, userName, networkAccessPointId);
    }

    ActiveParticipant as(boolean requestor, RoleId... roles) {
        List<CodedValue> codes = java.util.Arrays.stream(roles).map(RoleId::coded).toList();
        return new ActiveParticipant(userId, alternativeUserId, userName, requestor, codes, networkAccessPointId,
                networkAccessPointId == null ? null : accessPointType(networkAccessPointId));
    }

    /** PS3.15 §A.5.2.1: type 2 for an IP address, 1 for a machine name. */
    static int accessPointType(String accessPoint) {
        boolean ip = IPV4.matcher(accessPoint).matches() || accessPoint.indexOf(':') >= 0;
        return ip ? ActiveParticipant.IP_ADDRESS : ActiveParticipant.MACHINE_NAME;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.Arrays;

/**
 * User Identity sub-item of an A-ASSOCIATE-AC (PS3.7 §D.3.3.7.2): the server response (empty for a
 * username identity, a Kerberos ticket or SAML response otherwise).
 */
public record UserIdentityAC(byte[] serverResponse) {

    public UserIdentityAC {
        serverResponse = serverResponse.clone();
        if (serverResponse.length > 0xffff) {
            throw new IllegalArgumentException("server response longer than 65535 bytes");
        }
    }

    @Override
    public byte[] serverResponse() {
        return serverResponse.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityAC other && Arrays.equals(serverResponse, other.serverResponse);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serverResponse);
    }

    @Override
    public String toString() {
        return "UserIdentityAC[" + serverResponse.length + " bytes]";
    }
}

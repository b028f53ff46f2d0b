// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * User Identity sub-item of an A-ASSOCIATE-RQ (PS3.7 §D.3.3.7.1, Table D.3-14). The secondary field
 * (passcode) is only present for {@link #USERNAME_AND_PASSCODE}. {@link #toString()} never prints
 * either field.
 */
public record UserIdentityRQ(int type, boolean positiveResponseRequested, byte[] primaryField,
        byte[] secondaryField) {

    public static final int USERNAME = 1;
    public static final int USERNAME_AND_PASSCODE = 2;
    public static final int KERBEROS = 3;
    public static final int SAML = 4;
    public static final int JWT = 5;

    public UserIdentityRQ {
        if (type < USERNAME || type > JWT) {
            throw new IllegalArgumentException("user identity type " + type);
        }
        primaryField = primaryField.clone();
        secondaryField = secondaryField == null ? new byte[0] : secondaryField.clone();
        if (primaryField.length == 0 || primaryField.length > 0xffff || secondaryField.length > 0xffff) {
            throw new IllegalArgumentException("user identity field length out of range");
        }
        if (type == USERNAME_AND_PASSCODE && secondaryField.length == 0) {
            throw new IllegalArgumentException("username and passcode identity without passcode");
        }
        if (type != USERNAME_AND_PASSCODE && secondaryField.length != 0) {
            throw new IllegalArgumentException("secondary field only allowed for username and passcode");
        }
    }

    public static UserIdentityRQ username(String username, boolean positiveResponseRequested) {
        return new UserIdentityRQ(USERNAME, positiveResponseRequested, username.getBytes(StandardCharsets.UTF_8),
                null);
    }

    public static UserIdentityRQ usernameAndPasscode(String username, char[] passcode,
            boolean positiveResponseRequested) {
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passcode));
        byte[] pass = new byte[encoded.remaining()];
        encoded.get(pass);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            return new UserIdentityRQ(USERNAME_AND_PASSCODE, positiveResponseRequested,
                    username.getBytes(StandardCharsets.UTF_8), pass);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    @Override
    public byte[] primaryField() {
        return primaryField.clone();
    }

    @Override
    public byte[] secondaryField() {
        return secondaryField.clone();
    }

    /** The primary field as UTF-8 text (username, or a JWT/SAML assertion). */
    public String primaryText() {
        return new String(primaryField, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserIdentityRQ other && type == other.type
                && positiveResponseRequested == other.positiveResponseRequested
                && Arrays.equals(primaryField, other.primaryField) && Arrays.equals(secondaryField, other.secondaryField);
    }

    @Override
    public int hashCode() {
        return (type * 31 + Arrays.hashCode(primaryField)) * 31 + Arrays.hashCode(secondaryField);
    }

    @Override
    public String toString() {
        return "UserIdentityRQ[type=" + type + ", positiveResponseRequested=" + positiveResponseRequested + "]";
    }
}

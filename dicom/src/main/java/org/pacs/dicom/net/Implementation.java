// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

/**
 * This toolkit's Implementation Class UID and Version Name (PS3.7 §D.3.3.2), sent in every
 * association request and accept. The UID is a UUID-derived UID (PS3.5 §B.2).
 */
public final class Implementation {

    private Implementation() {
    }

    public static final String CLASS_UID = "2.25.91250358434755342980802844433275416246";
    public static final String VERSION_NAME = "PACS_0.1";
}

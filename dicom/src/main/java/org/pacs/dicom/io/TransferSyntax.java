// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

/**
 * A transfer syntax as far as the data set codec cares (PS3.5 §10): VR explicit or implicit, byte
 * order, deflate, and whether Pixel Data is encapsulated. Compressed syntaxes the toolkit does not
 * decode are all "explicit little endian, encapsulated"; their fragments pass through unchanged.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated,
        boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2", false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1", true, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1.99", true, false, true, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.2", true, true, false, false);
    /** Encapsulated Uncompressed Explicit VR Little Endian (PS3.5 §A.4.11). */
    public static final String ENCAPSULATED_UNCOMPRESSED = "1.2.840.10008.1.2.1.98";
    /** JPIP Referenced (PS3.5 §A.6): Pixel Data is a reference, not encapsulated. */
    public static final String JPIP_REFERENCED = "1.2.840.10008.1.2.4.94";
    /** JPIP Referenced Deflate (PS3.5 §A.7). */
    public static final String JPIP_REFERENCED_DEFLATE = "1.2.840.10008.1.2.4.95";

    /** The codec facts for {@code uid}; any unknown UID is taken as an encapsulated explicit-LE syntax. */
    public static TransferSyntax of(String uid) {
        return switch (uid) {
            case "1.2.840.10008.1.2" -> IMPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1" -> EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1.99" -> DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.2" -> EXPLICIT_VR_BIG_ENDIAN;
            case JPIP_REFERENCED -> new TransferSyntax(uid, true, false, false, false);
            case JPIP_REFERENCED_DEFLATE -> new TransferSyntax(uid, true, false, true, false);
            default -> new TransferSyntax(uid, true, false, false, true);
        };
    }

    /** True for the native (uncompressed, not encapsulated) syntaxes. */
    public boolean isNative() {
        return !encapsulated;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * Recognises the first bytes of a compressed frame, by codec: where a fragment begins with them a new
 * frame begins. Only markers that cannot open a continuation fragment are used: JPEG SOI (FFD8; inside
 * entropy-coded data FF is followed by 00 or RSTn), JPEG 2000 SOC+SIZ (FF4F FF51) or the JP2 signature
 * box, JPEG XL codestream (FF0A) or container signature.
 */
@FunctionalInterface
interface FrameStart {
    boolean test(byte[] head);

    /** The recogniser for a transfer syntax, or null if its frames have no such marker (e.g. RLE). */
    static FrameStart of(String transferSyntaxUid) {
        return switch (transferSyntaxUid) {
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                    "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" ->
                    h -> starts(h, 0xFF, 0xD8);
            case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92",
                    "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202",
                    "1.2.840.10008.1.2.4.203" ->
                    h -> starts(h, 0xFF, 0x4F, 0xFF, 0x51) || starts(h, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ');
            case "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112" ->
                    h -> starts(h, 0xFF, 0x0A) || starts(h, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ');
            default -> null;
        };
    }

    private static boolean starts(byte[] h, int... prefix) {
        if (h.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((h[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

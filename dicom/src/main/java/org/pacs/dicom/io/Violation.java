// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

/**
 * A deviation from the standard that the reader tolerates, each named with the section it departs
 * from. Readers report every tolerated deviation to a listener ({@link ReadOptions#violations()});
 * strict callers can turn any of them into an error by throwing from the listener.
 */
public enum Violation {
    NO_PREAMBLE("PS3.10 §7.1: file has no 128-byte preamble and DICM prefix"),
    NO_FILE_META_INFORMATION("PS3.10 §7.1: file has no File Meta Information; transfer syntax guessed"),
    NO_GROUP_LENGTH("PS3.10 §7.1: File Meta Information Group Length (0002,0000) absent"),
    WRONG_GROUP_LENGTH("PS3.10 §7.1: File Meta Information Group Length (0002,0000) disagrees with the elements"),
    NO_TRANSFER_SYNTAX("PS3.10 §7.1: Transfer Syntax UID (0002,0010) absent; transfer syntax guessed"),
    ODD_LENGTH("PS3.5 §7.1.1: value length is odd"),
    INVALID_VR("PS3.5 §7.1.2: explicit VR bytes name no VR; VR taken from the dictionary, length read as implicit"),
    UNDEFINED_LENGTH_UN("PS3.5 §6.2.2: UN with undefined length parsed as an Implicit VR Little Endian sequence"),
    UNDEFINED_LENGTH_VALUE("PS3.5 §7.1.1: undefined length on a VR other than SQ, UN or encapsulated OB/OW; parsed as a sequence"),
    VALUE_TOO_LONG_FOR_SHORT_HEADER("PS3.5 §7.1.2: value longer than 65534 bytes written as UN"),
    TRAILING_PADDING("PS3.10 §7.2: bytes after the last data element ignored");

    private final String description;

    Violation(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

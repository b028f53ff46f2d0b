// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

/**
 * Value Representations of PS3.5 §6.2, Table 6.2-1, each carrying the facts its encoding needs:
 * whether explicit-VR encodings use the 4-byte length form (PS3.5 §7.1.2, Table 7.1-1), the padding
 * byte for odd lengths, and the size of one binary value.
 */
public enum VR {
    AE(Kind.STRING, false, ' ', 16),
    AS(Kind.STRING, false, ' ', 4),
    AT(Kind.BINARY, false, 0, 4),
    CS(Kind.STRING, false, ' ', 16),
    DA(Kind.STRING, false, ' ', 8),
    DS(Kind.STRING, false, ' ', 16),
    DT(Kind.STRING, false, ' ', 26),
    FL(Kind.BINARY, false, 0, 4),
    FD(Kind.BINARY, false, 0, 8),
    IS(Kind.STRING, false, ' ', 12),
    LO(Kind.TEXT, false, ' ', 64),
    LT(Kind.TEXT, false, ' ', 10240),
    OB(Kind.BINARY, true, 0, 1),
    OD(Kind.BINARY, true, 0, 8),
    OF(Kind.BINARY, true, 0, 4),
    OL(Kind.BINARY, true, 0, 4),
    OV(Kind.BINARY, true, 0, 8),
    OW(Kind.BINARY, true, 0, 2),
    PN(Kind.TEXT, false, ' ', 64),
    SH(Kind.TEXT, false, ' ', 16),
    SL(Kind.BINARY, false, 0, 4),
    SQ(Kind.SEQUENCE, true, 0, 0),
    SS(Kind.BINARY, false, 0, 2),
    ST(Kind.TEXT, false, ' ', 1024),
    SV(Kind.BINARY, true, 0, 8),
    TM(Kind.STRING, false, ' ', 14),
    UC(Kind.TEXT, true, ' ', -1),
    UI(Kind.STRING, false, 0, 64),
    UL(Kind.BINARY, false, 0, 4),
    UN(Kind.BINARY, true, 0, 1),
    UR(Kind.STRING, true, ' ', -1),
    US(Kind.BINARY, false, 0, 2),
    UT(Kind.TEXT, true, ' ', -1),
    UV(Kind.BINARY, true, 0, 8);

    /** How a value of this VR is held and decoded. */
    public enum Kind {
        /** Characters of the Default Character Repertoire only (not affected by Specific Character Set). */
        STRING,
        /** Characters affected by Specific Character Set (0008,0005): SH, LO, ST, LT, PN, UC, UT. */
        TEXT,
        /** Binary values in the transfer syntax's byte order. */
        BINARY,
        /** A sequence of items. */
        SEQUENCE
    }

    private static final VR[] BY_CODE = new VR[0x10000];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    private final Kind kind;
    private final boolean longHeader;
    private final byte paddingByte;
    private final int unitSize;
    private final int maxLength;
    private final int code;

    VR(Kind kind, boolean longHeader, int padding, int sizeOrMaxChars) {
        this.kind = kind;
        this.longHeader = longHeader;
        this.paddingByte = (byte) padding;
        this.unitSize = kind == Kind.BINARY ? sizeOrMaxChars : 1;
        this.maxLength = kind == Kind.BINARY ? -1 : sizeOrMaxChars;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    public Kind kind() {
        return kind;
    }

    /** The two ASCII characters as one big-endian 16-bit number, as they appear in an explicit header. */
    public int code() {
        return code;
    }

    /**
     * True where explicit-VR encodings have 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1);
     * false for the 16-bit length form (Table 7.1-2).
     */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** The byte that pads an odd-length value to even length (PS3.5 §6.2): space for text, NUL otherwise. */
    public byte paddingByte() {
        return paddingByte;
    }

    /** Bytes per binary value (1 for OB/UN, 2 for US/SS/OW, ...); 1 for string VRs. */
    public int unitSize() {
        return unitSize;
    }

    /** Maximum characters of one value for string VRs, or -1 where the standard sets no small limit. */
    public int maxLength() {
        return maxLength;
    }

    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** True for VRs whose values may contain characters of Specific Character Set (0008,0005). */
    public boolean usesSpecificCharacterSet() {
        return kind == Kind.TEXT;
    }

    /** True for VRs whose value is one string, never split at backslash (LT, ST, UT, UR; PS3.5 §6.2). */
    public boolean isSingleValuedText() {
        return this == LT || this == ST || this == UT || this == UR;
    }

    /** True for VRs that may carry bulk binary data (OB, OD, OF, OL, OV, OW, UN). */
    public boolean isBulk() {
        return kind == Kind.BINARY && longHeader && this != SV && this != UV;
    }

    /** The VR with the given 16-bit code, or null if the two bytes name none. */
    public static VR ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

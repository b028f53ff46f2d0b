// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.Arrays;

/**
 * Presentation Data Value item (PS3.8 §9.3.5.1, Annex E.2): one fragment of a command or data set
 * on one presentation context, with its message control header (command bit, last-fragment bit).
 * The record takes ownership of {@code data} without copying it (fragments are on the hot path of
 * every transfer): the caller must not modify the array afterwards. {@link #data()} returns a copy.
 */
public record PresentationDataValue(int contextId, boolean command, boolean last, byte[] data) {

    public PresentationDataValue {
        Uids.checkContextId(contextId);
        java.util.Objects.requireNonNull(data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The fragment length without a copy. */
    public int length() {
        return data.length;
    }

    /** Copies the fragment into {@code dst}; avoids the defensive copy on the hot path. */
    public void copyTo(byte[] dst, int dstOffset) {
        System.arraycopy(data, 0, dst, dstOffset, data.length);
    }

    /** Copies {@code len} bytes from {@code srcPos} of the fragment into {@code dst}. */
    public void copyTo(int srcPos, byte[] dst, int dstOffset, int len) {
        System.arraycopy(data, srcPos, dst, dstOffset, len);
    }

    /** Writes the fragment to a stream without a copy. */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(data);
    }

    /** The message control header byte (PS3.8 Annex E.2). */
    public int controlHeader() {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresentationDataValue other && contextId == other.contextId && command == other.command
                && last == other.last && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return (contextId * 31 + controlHeader()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PDV[pc=" + contextId + (command ? ", command" : ", data") + (last ? ", last" : "") + ", "
                + data.length + " bytes]";
    }
}

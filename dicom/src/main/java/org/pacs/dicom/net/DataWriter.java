// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a data set, already encoded in the presentation context's transfer syntax, into the PDV
 * stream. A source stream is copied through in bounded memory.
 */
@FunctionalInterface
public interface DataWriter {

    void writeTo(OutputStream out) throws IOException;

    static DataWriter of(byte[] encoded) {
        return out -> out.write(encoded);
    }

    static DataWriter of(InputStream source) {
        return source::transferTo;
    }
}

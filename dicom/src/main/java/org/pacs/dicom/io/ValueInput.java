// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The value of one element (or fragment) while it streams past a {@link DataSetHandler}. The handler
 * reads it whole ({@link #readBytes}), streams it ({@link #stream}) or ignores it; whatever it leaves
 * unread is skipped by the reader afterwards.
 */
public interface ValueInput {
    /** Value length in bytes. */
    long length();

    /** Offset of the first value byte from the start of the input. */
    long offset();

    /** True if multi-byte numbers in the value are big-endian. */
    boolean bigEndian();

    /** The file the input is read from, if it is a plain file whose offsets are file offsets; else null. */
    Path sourceFile();

    /** Reads the whole value; fails if it is longer than {@link ReadOptions#maxValueLength()}. */
    byte[] readBytes() throws IOException;

    /** A stream over the unread rest of the value; closing it does not close the input. */
    InputStream stream();
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import org.pacs.dicom.data.VR;

/**
 * Events of a data set as it streams past ({@link DataSetReader}): building a tree
 * ({@link AttributesBuilder}), writing JSON, or ingesting into storage are separate handlers on one
 * stream. Sequences and items nest: each start has its matching end.
 */
public interface DataSetHandler {
    /** A data element that is neither a sequence nor encapsulated; {@code value} is valid during the call. */
    void element(int tag, VR vr, ValueInput value) throws IOException;

    /** A sequence begins; {@code length} is -1 for undefined length. */
    void startSequence(int tag, VR vr, long length) throws IOException;

    /** An item of the current sequence begins; {@code length} is -1 for undefined length. */
    void startItem(long length) throws IOException;

    void endItem() throws IOException;

    void endSequence() throws IOException;

    /** Encapsulated Pixel Data begins (PS3.5 §A.4). */
    void startFragments(int tag, VR vr) throws IOException;

    /** One fragment item; the first is the Basic Offset Table. */
    void fragment(ValueInput value) throws IOException;

    void endFragments() throws IOException;
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.IOException;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.io.FileBulkData;

/**
 * Chooses the BulkDataURI (PS3.18 §F.2.6, PS3.19 §A.1.5 BulkData) of a large value while a data set is
 * written as JSON or XML; returning null writes the value inline (InlineBinary, §F.2.7). A WADO-RS
 * server returns its own retrieve URL here.
 */
@FunctionalInterface
public interface BulkDataUris {
    /** The URI for {@code value}, or null to write it inline. */
    String uriFor(BulkValue value) throws IOException;

    /** Everything inline. */
    static BulkDataUris none() {
        return v -> null;
    }

    /**
     * {@code file:///path?offset=N&length=M} for values still in their source file ({@link FileBulkData},
     * and encapsulated Pixel Data whose items lie contiguous in one file); everything else inline. For
     * local tools: the URI names a local path.
     */
    static BulkDataUris files() {
        return v -> {
            if (v.value() instanceof FileBulkData f && !f.bigEndian()) {
                return FileUris.uri(f.file(), f.offset(), f.length());
            }
            if (v.value() instanceof Fragments f) {
                return Encapsulation.fileUri(f);
            }
            return null;
        };
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.FileBulkData;

/**
 * Turns a BulkDataURI (PS3.18 §F.2.6) met while reading DICOM JSON into the value it references. A
 * STOW-RS server maps the URIs to the parts of its request; the default rejects every URI, since a URI
 * from outside must never make the reader open an arbitrary local file.
 */
@FunctionalInterface
public interface BulkDataResolver {
    /** The value {@code uri} references, or null if it cannot be resolved (the read then fails). */
    BulkData resolve(String uri, int tag, VR vr) throws IOException;

    /** Resolves nothing: any BulkDataURI is an error. */
    static BulkDataResolver reject() {
        return (uri, tag, vr) -> null;
    }

    /**
     * Resolves {@code file:///path?offset=N&length=M} URIs (as {@link BulkDataUris#files()} writes them)
     * to file references, for files under {@code root} only; the range must lie within the file.
     */
    static BulkDataResolver files(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return (uri, tag, vr) -> {
            FileUris.Range r = FileUris.parse(uri);
            if (r == null) {
                return null;
            }
            Path file = r.file().toAbsolutePath().normalize();
            if (!file.startsWith(base) || !Files.isRegularFile(file)
                    || r.offset() + r.length() > Files.size(file)) {
                return null;
            }
            return new FileBulkData(file, r.offset(), r.length(), false);
        };
    }
}

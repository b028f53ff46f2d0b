// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.wado;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetHandler;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.storage.blob.BlobStore;

/**
 * One stored instance read from the encrypted blob store: the blob is the Part 10 file the ingest
 * path wrote (PS3.10 §7.1), decrypted and authenticated as it streams. A read that fails
 * authentication throws, so the caller can abort a response rather than end it as if complete.
 */
final class StoredInstance {
    private final BlobStore blobs;
    private final InstanceLocation location;

    StoredInstance(BlobStore blobs, InstanceLocation location) {
        this.blobs = blobs;
        this.location = location;
    }

    /** The stored Part 10 file, byte for byte. */
    void copyTo(OutputStream out) throws IOException {
        try (InputStream in = blobs.open(location.blob().toBlobRef())) {
            in.transferTo(out);
        }
    }

    /**
     * The Part 10 file re-encoded in Explicit VR Little Endian: values unchanged, large ones spooled
     * encrypted while the data set is read (PS3.5 §A.2).
     */
    void writeExplicitLittleEndian(OutputStream out) throws IOException {
        ReadOptions options = ReadOptions.defaults().withBulkData(BulkDataPolicy.spool(),
                ReadOptions.DEFAULT_BULK_DATA_THRESHOLD);
        Attributes ds;
        try (InputStream in = new BufferedInputStream(blobs.open(location.blob().toBlobRef()), 64 * 1024);
                Part10Reader reader = new Part10Reader(in, options)) {
            ds = reader.readDataSet();
        }
        Part10Writer.write(out, Part10Writer.fileMetaInformation(location.sopClassUid(), location.sopInstanceUid(),
                UID.ExplicitVRLittleEndian), ds);
    }

    /** Streams the data set (without File Meta Information) past {@code handler}. */
    void read(DataSetHandler handler) throws IOException {
        try (InputStream in = new BufferedInputStream(blobs.open(location.blob().toBlobRef()), 64 * 1024);
                Part10Reader reader = new Part10Reader(in, ReadOptions.defaults())) {
            reader.readDataSet(handler);
        }
    }
}

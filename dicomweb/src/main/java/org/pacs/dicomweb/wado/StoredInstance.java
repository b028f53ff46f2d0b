// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.wado;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetHandler;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.ValueInput;
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

    /**
     * Streams the data set past {@code handler} and stops after native top-level Pixel Data has been
     * handed over: metadata needs only its BulkDataURI, and decrypting the pixels of a whole series
     * would cost far more than its headers. What follows Pixel Data (rarely anything but padding) is
     * then not read.
     */
    void readUpToNativePixelData(DataSetHandler handler) throws IOException {
        try {
            read(new StopAfterPixelData(handler));
        } catch (StopAfterPixelData.Stop stop) {
            // reached: the rest is pixel data or trailing padding
        }
    }

    /** Passes events on; after top-level native Pixel Data, ends the read. */
    private static final class StopAfterPixelData implements DataSetHandler {
        /** Unchecked, so that the reader passes it through rather than wrapping it as a read error. */
        static final class Stop extends RuntimeException {
            Stop() {
                super(null, null, false, false);
            }
        }

        private final DataSetHandler next;
        private int depth;

        StopAfterPixelData(DataSetHandler next) {
            this.next = next;
        }

        @Override
        public void element(int tag, VR vr, ValueInput value) throws IOException {
            next.element(tag, vr, value);
            if (depth == 0 && tag == Tag.PIXEL_DATA) {
                throw new Stop();
            }
        }

        @Override
        public void startSequence(int tag, VR vr, long length) throws IOException {
            depth++;
            next.startSequence(tag, vr, length);
        }

        @Override
        public void startItem(long length) throws IOException {
            next.startItem(length);
        }

        @Override
        public void endItem() throws IOException {
            next.endItem();
        }

        @Override
        public void endSequence() throws IOException {
            depth--;
            next.endSequence();
        }

        @Override
        public void startFragments(int tag, VR vr) throws IOException {
            next.startFragments(tag, vr);
        }

        @Override
        public void fragment(ValueInput value) throws IOException {
            next.fragment(value);
        }

        @Override
        public void endFragments() throws IOException {
            next.endFragments();
        }
    }

    /** Streams the data set (without File Meta Information) past {@code handler}. */
    void read(DataSetHandler handler) throws IOException {
        try (InputStream in = new BufferedInputStream(blobs.open(location.blob().toBlobRef()), 64 * 1024);
                Part10Reader reader = new Part10Reader(in, ReadOptions.defaults())) {
            reader.readDataSet(handler);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.storage.blob.BlobStore;

/**
 * A stored instance opened for sending: the blob holds a Part 10 file (PS3.10 §7.1: 128-byte preamble,
 * "DICM", File Meta Information with its group length, then the data set). The meta information is
 * read and checked against the catalog; {@link #dataSet()} is the stream positioned at the data set,
 * decrypted and authenticated as it is read.
 */
final class StoredObject implements Closeable {
    private static final int PREAMBLE_AND_PREFIX = 132;
    /** File Meta Information is a few hundred bytes; anything near this is not ours. */
    private static final int MAX_META_LENGTH = 64 * 1024;
    private static final int TRANSFER_SYNTAX_UID = 0x00020010;
    private static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;

    private final InputStream in;
    private final String transferSyntaxUid;

    private StoredObject(InputStream in, String transferSyntaxUid) {
        this.in = in;
        this.transferSyntaxUid = transferSyntaxUid;
    }

    /**
     * Opens the blob of {@code location} and reads its header.
     *
     * @throws IOException the blob is missing or fails authentication, or its header is not the Part 10
     *     header the ingest path writes for this instance
     */
    static StoredObject open(BlobStore blobs, InstanceLocation location) throws IOException {
        InputStream in = new BufferedInputStream(blobs.open(location.blob().toBlobRef()), 64 * 1024);
        try {
            byte[] prefix = in.readNBytes(PREAMBLE_AND_PREFIX + 12);
            if (prefix.length < PREAMBLE_AND_PREFIX + 12 || prefix[128] != 'D' || prefix[129] != 'I'
                    || prefix[130] != 'C' || prefix[131] != 'M') {
                throw new DicomException(0, "stored object is not a Part 10 file");
            }
            // (0002,0000) UL, length 4, explicit VR little endian (PS3.10 §7.1)
            int p = PREAMBLE_AND_PREFIX;
            if (prefix[p] != 2 || prefix[p + 1] != 0 || prefix[p + 2] != 0 || prefix[p + 3] != 0
                    || prefix[p + 4] != 'U' || prefix[p + 5] != 'L' || prefix[p + 6] != 4 || prefix[p + 7] != 0) {
                throw new DicomException(p, "stored object lacks File Meta Information Group Length");
            }
            long groupLength = (prefix[p + 8] & 0xFFL) | (prefix[p + 9] & 0xFFL) << 8 | (prefix[p + 10] & 0xFFL) << 16
                    | (prefix[p + 11] & 0xFFL) << 24;
            if (groupLength > MAX_META_LENGTH) {
                throw new DicomException(p, "File Meta Information Group Length " + groupLength + " is implausible");
            }
            byte[] meta = in.readNBytes((int) groupLength);
            if (meta.length != groupLength) {
                throw new DicomException(p, "stored object ends inside its File Meta Information");
            }
            AttributesBuilder builder = new AttributesBuilder(new Attributes(), ReadOptions.defaults());
            new DataSetReader(new ByteArrayInputStream(meta), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    ReadOptions.defaults()).read(builder);
            Attributes fmi = builder.result();
            String ts = fmi.getString(TRANSFER_SYNTAX_UID);
            if (ts == null) {
                throw new DicomException(p, "stored object names no Transfer Syntax UID");
            }
            // The blob is bound to its SOP Instance UID by the store; this is a second, cheap check.
            if (!location.sopInstanceUid().equals(fmi.getString(MEDIA_STORAGE_SOP_INSTANCE_UID))) {
                throw new DicomException(p, "stored object is another instance than the catalog says");
            }
            return new StoredObject(in, ts);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The transfer syntax the data set is stored in. */
    String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** The data set, without File Meta Information, as stored. */
    InputStream dataSet() {
        return in;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

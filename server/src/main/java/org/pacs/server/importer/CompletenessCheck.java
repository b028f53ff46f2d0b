// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.IOException;
import java.io.InputStream;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DataSetHandler;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.ValueInput;

/**
 * Reads a file through to its last element without keeping anything, so that a file cut short (a
 * copy interrupted, a damaged CD) is reported as damaged instead of stored. The ingest path parses
 * only the header (up to Pixel Data), which is enough for C-STORE, where the PDU framing tells a
 * complete object; a file has no such framing.
 */
final class CompletenessCheck {
    private CompletenessCheck() {
    }

    /** Null if the whole data set reads; otherwise why not (no patient data). */
    static String problemIn(InputStream in) throws IOException {
        try (Part10Reader r = new Part10Reader(in, ReadOptions.defaults())) {
            r.readDataSet(SKIP_ALL);
            return null;
        } catch (DicomException e) {
            return "cannot be read to its end: " + e.getMessage();
        } catch (java.io.EOFException e) {
            return "ends early";
        }
    }

    /** Leaves every value unread, so the reader skips it. */
    private static final DataSetHandler SKIP_ALL = new DataSetHandler() {
        @Override
        public void element(int tag, VR vr, ValueInput value) {
        }

        @Override
        public void startSequence(int tag, VR vr, long length) {
        }

        @Override
        public void startItem(long length) {
        }

        @Override
        public void endItem() {
        }

        @Override
        public void endSequence() {
        }

        @Override
        public void startFragments(int tag, VR vr) {
        }

        @Override
        public void fragment(ValueInput value) {
        }

        @Override
        public void endFragments() {
        }
    };
}

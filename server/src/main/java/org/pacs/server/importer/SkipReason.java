// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

/** Why an import left a file out; each reason is counted in the report. */
public enum SkipReason {
    /** Already imported by an earlier run (the progress record says so); not opened again. */
    DONE_EARLIER("already imported by an earlier run"),
    /** The archive already holds the SOP Instance; its duplicate policy kept the stored copy. */
    DUPLICATE("duplicate (the archive's copy kept)"),
    /** Neither a Part 10 file nor a data set that reads as DICOM. */
    NOT_DICOM("not DICOM"),
    /** DICOM, but nothing the archive stores: a DICOMDIR, a SOP class C-STORE would not accept either. */
    UNSUPPORTED("unsupported"),
    /** DICOM that cannot be read to the end, or whose header contradicts itself. */
    DAMAGED("damaged"),
    /** The archive could not store it (storage or catalog error): try again later. */
    FAILED("failed to store");

    private final String text;

    SkipReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** Instance headers, blob locations and catalogs for tests; UIDs are unique per call. */
public final class TestHeaders {
    public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final AtomicLong SEQ = new AtomicLong(1);

    private TestHeaders() {
    }

    public static String uid() {
        return "2.25." + (1_000_000 + SEQ.getAndIncrement()) + System.nanoTime() % 1_000_000;
    }

    /** A CT instance of the given study and series for patient {@code patientId}, new SOP Instance UID. */
    public static Attributes instance(String patientId, String patientName, String studyUid, String seriesUid) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, CT_IMAGE);
        ds.setString(Tags.SOPInstanceUID, VR.UI, uid());
        ds.setString(Tags.StudyDate, VR.DA, "20240115");
        ds.setString(Tags.StudyTime, VR.TM, "101500");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC1");
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, "Welby^Marcus");
        ds.setString(Tags.StudyDescription, VR.LO, "CHEST");
        ds.setString(Tags.SeriesDescription, VR.LO, "AXIAL");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.PatientSex, VR.CS, "F");
        ds.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setString(Tags.StudyID, VR.SH, "S1");
        ds.setInt(Tags.SeriesNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, 1);
        return ds;
    }

    public static BlobLocation blob() {
        String id = String.format("%032x", SEQ.getAndIncrement());
        return new BlobLocation(id, "identity", 1000, 1100, "0".repeat(64));
    }

    public static CatalogSecrets secrets() {
        return CatalogSecrets.generate(new SecureRandom());
    }

    /** An H2 catalog under {@code dir}, one rebuild thread (tests run beside other builds). */
    public static Catalog open(Path dir, CatalogSecrets secrets) {
        return Catalog.open(CatalogConfig.h2(dir, secrets).rebuildThreads(1).build());
    }

    public static RecordResult record(Catalog catalog, Attributes header) {
        return catalog.writer().record(header, EXPLICIT_LE, blob(), DuplicatePolicy.KEEP_EXISTING);
    }
}

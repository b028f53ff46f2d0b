// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditFilter;
import org.pacs.auth.audit.AuditTrailReader;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.storage.crypto.KeyRing;

/**
 * A stopped archive's data directory for command tests (its KEK secret generated beside it), with
 * helpers to make small Part 10 files, run a command and look inside the catalog and audit trail.
 */
final class TestArchive {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    /** The data tools, run directly (whether or not Main lists them yet). */
    private static final List<Command> COMMANDS = List.of(new ImportCommand(), new ExportCommand(), new DeleteCommand(), new BackupCommand(), new RestoreCommand());

    final Path data;

    /** A data directory with its key ring made (as the first start makes it), or an empty one. */
    TestArchive(Path data, boolean initialized) throws IOException {
        this.data = data;
        Files.createDirectories(data);
        if (initialized) {
            try (KeyRing keys = ArchiveKeyRing.open(config()).keyRing()) {
                keys.primary();
            }
        }
    }

    TestArchive(Path data) throws IOException {
        this(data, true);
    }

    Config config() {
        return ConfigLoader.load(data, Map.of());
    }

    /** The output and exit status of {@code pacs ARGS --data DIR}. */
    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n" + out + err;
        }
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Command own = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        int status;
        try {
            status = own != null ? own.run(all.subList(1, all.size()).toArray(String[]::new), o, e)
                    : new Main().run(all.toArray(String[]::new), o, e);
        } catch (UsageException u) {
            e.println(u.getMessage());
            status = 2;
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A small CT image: 4x4 16-bit pixels whose values follow {@code seed}. */
    static Attributes ct(String patientId, String patientName, String study, String series, String instance, int seed) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, instance);
        ds.setString(Tags.StudyDate, VR.DA, "20240102");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC" + seed);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, "Referrer^Rita");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.PatientSex, VR.CS, "F");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tags.StudyID, VR.SH, "S" + seed);
        ds.setString(Tags.SeriesNumber, VR.IS, "1");
        ds.setString(Tags.InstanceNumber, VR.IS, Integer.toString(seed));
        ds.setString(Tags.FrameOfReferenceUID, VR.UI, study + ".9");
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setInt(Tags.Rows, VR.US, 4);
        ds.setInt(Tags.Columns, VR.US, 4);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 12);
        ds.setInt(Tags.HighBit, VR.US, 11);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (seed * 7 + i);
        }
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        return ds;
    }

    static Path write(Path file, Attributes ds) throws IOException {
        Files.createDirectories(file.getParent());
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, EXPLICIT_LE), ds);
        return file;
    }

    /** Opens the catalog (the archive must be stopped) and applies {@code work}. */
    <T> T withCatalog(java.util.function.Function<Catalog, T> work) throws IOException {
        Config config = config();
        try (KeyRing keys = ArchiveKeyRing.open(config).keyRing();
             Catalog catalog = Catalog.open(CatalogConfig.h2(data, ArchiveServer.catalogSecrets(data, keys)).build())) {
            return work.apply(catalog);
        }
    }

    List<AuditEvent> auditEvents() throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        try (KeyRing keys = ArchiveKeyRing.open(config()).keyRing()) {
            AuditTrailReader.open(data, keys).read(AuditFilter.all(), r -> events.add(r.event()));
        }
        return events;
    }
}

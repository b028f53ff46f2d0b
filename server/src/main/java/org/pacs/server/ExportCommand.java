// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.EventOutcome;
import org.pacs.auth.audit.PatientStudies;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.server.export.StudyExporter;

/**
 * {@code pacs export --study UID --out DIR [--deidentify]}: writes a study of a stopped archive as
 * Part 10 files, optionally de-identified (PS3.15 §E.1 Basic Profile, UIDs remapped). The files are
 * plaintext by the operator's choice, so the command says so; the export is audited (PS3.15 §A.5.3.5).
 */
final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "export --study UID --out DIR [--deidentify] [--data DIR]";
    }

    @Override
    public String summary() {
        return "write a study as DICOM files, optionally de-identified (archive stopped)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        String study = null;
        Path dir = null;
        boolean deidentify = false;
        for (int i = 0; i < opt.rest().size(); i++) {
            String a = opt.rest().get(i);
            switch (a) {
                case "--study" -> study = value(opt, ++i, a);
                case "--out" -> dir = Path.of(value(opt, ++i, a));
                case "--deidentify" -> deidentify = true;
                default -> throw new UsageException("unexpected argument " + a);
            }
        }
        if (study == null || dir == null) {
            throw new UsageException("--study and --out are required");
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        try {
            Optional<Properties> running = OfflineArchive.running(config);
            if (running.isPresent()) {
                err.println("pacs export: the archive is running (pid " + running.get().getProperty("pid")
                        + ") and holds the catalog. Stop it and export again, or retrieve the study from it with"
                        + " C-GET or C-MOVE as a registered AE.");
                return 1;
            }
            try (OfflineArchive archive = OfflineArchive.open(config, (i, n) -> { })) {
                StudyExporter exporter = new StudyExporter(archive.catalog(), archive.blobs());
                int total = exporter.instancesOf(study).size();
                if (total == 0) {
                    err.println("pacs export: the archive holds no study with that Study Instance UID");
                    return 1;
                }
                Progress bar = new Progress(out, "exported", total);
                StudyExporter.Result result;
                try {
                    result = exporter.export(study, dir, deidentify, bar::set);
                } finally {
                    bar.finish();
                }
                AuditEvent event = archive.events().export(OfflineArchive.operator("export"),
                        "folder " + dir.toAbsolutePath(), PatientStudies.of(result.patientId(), study));
                if (deidentify) {
                    event = event.withOutcome(EventOutcome.SUCCESS,
                            "de-identified: PS3.15 E.1 Basic Application Level Confidentiality Profile");
                }
                archive.audit(event);
                out.printf("%d instances written to %s%n", result.instances(), dir);
                if (!deidentify) {
                    out.println("WARNING: these files hold patient data in PLAINTEXT. Keep them on encrypted media,"
                            + " hand them over securely and delete them when done.");
                } else if (result.burnedInAnnotation()) {
                    out.println("WARNING: some images say Burned In Annotation = YES: patient data may be written"
                            + " into the pixels, which the Basic Profile does not clean. Check the images.");
                } else {
                    out.println("De-identified with the Basic Application Level Confidentiality Profile (PS3.15"
                            + " E.1); pixel data is unchanged (burned-in text, if any, is not removed).");
                }
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println("pacs export: " + e.getMessage());
            return 1;
        }
    }

    private static String value(DataDirOption opt, int i, String option) {
        if (i >= opt.rest().size()) {
            throw new UsageException(option + " needs a value");
        }
        return opt.rest().get(i);
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.pacs.archive.ingest.IngestListener;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.auth.audit.AuditSource;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.server.delete.Deletion;
import org.pacs.server.delete.StudyDeletedEvent;

/**
 * {@code pacs delete --study UID | --patient ID --yes}: removes studies (rows and blobs) from a stopped
 * archive, for corrections and erasure requests; each deletion is audited (PS3.15 §A.5.3.8). Without
 * {@code --yes} it only says what it would delete.
 */
final class DeleteCommand implements Command {
    @Override
    public String name() {
        return "delete";
    }

    @Override
    public String usage() {
        return "delete (--study UID | --patient ID) [--yes] [--data DIR]";
    }

    @Override
    public String summary() {
        return "delete a study or all studies of a patient (archive stopped)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> studies = new ArrayList<>();
        String patient = null;
        boolean yes = false;
        for (int i = 0; i < opt.rest().size(); i++) {
            String a = opt.rest().get(i);
            switch (a) {
                case "--study" -> studies.add(value(opt, ++i, a));
                case "--patient" -> patient = value(opt, ++i, a);
                case "--yes" -> yes = true;
                default -> throw new UsageException("unexpected argument " + a);
            }
        }
        if (studies.isEmpty() == (patient == null)) {
            throw new UsageException("name either --study UID or --patient ID");
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        try {
            Optional<Properties> running = OfflineArchive.running(config);
            if (running.isPresent()) {
                err.println("pacs delete: the archive is running (pid " + running.get().getProperty("pid")
                        + ") and holds the catalog; nothing was deleted. Stop the archive, then delete.");
                return 1;
            }
            try (OfflineArchive archive = OfflineArchive.open(config, (i, n) -> { })) {
                // Acknowledged objects still only in the journal are recorded first, and the journal is
                // emptied, so that no later recovery brings a deleted instance back.
                new IngestPipeline(archive.blobs(), archive.catalog(), archive.duplicatePolicy(),
                        IngestListener.none(), archive.journal()).recover();
                Deletion deletion = new Deletion(archive.catalog(), archive.blobs());
                List<String> uids = patient != null ? deletion.studiesOfPatient(patient) : studies;
                Map<String, String> held = deletion.patientsOf(uids);
                if (held.isEmpty()) {
                    err.println("pacs delete: the archive holds no such " + (patient != null ? "patient" : "study"));
                    return 1;
                }
                long instances = 0;
                for (String uid : held.keySet()) {
                    instances += deletion.instancesOf(uid);
                }
                if (!yes) {
                    out.printf("would delete %d studies (%d instances); run again with --yes to delete them%n",
                            held.size(), instances);
                    return 2;
                }
                Progress bar = new Progress(out, "deleted", held.size());
                List<Deletion.Deleted> done = new ArrayList<>();
                try {
                    for (String uid : held.keySet()) {
                        done.add(deletion.deleteStudy(uid));
                        bar.step();
                    }
                } finally {
                    bar.finish();
                    auditDeletions(archive, config, held, done);
                }
                int failedBlobs = done.stream().mapToInt(Deletion.Deleted::blobsNotDeleted).sum();
                out.printf("deleted %d studies (%d instances)%n", done.size(),
                        done.stream().mapToInt(Deletion.Deleted::instances).sum());
                if (failedBlobs > 0) {
                    err.println("pacs delete: " + failedBlobs + " blob files could not be removed (no longer"
                            + " reachable; see the log)");
                    return 1;
                }
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println("pacs delete: " + e.getMessage());
            return 1;
        }
    }

    /** One DICOM Study Deleted message per patient, naming the studies actually deleted. */
    private static void auditDeletions(OfflineArchive archive, Config config, Map<String, String> held,
            List<Deletion.Deleted> done) throws IOException {
        Map<String, List<String>> byPatient = new LinkedHashMap<>();
        for (Deletion.Deleted d : done) {
            byPatient.computeIfAbsent(held.get(d.studyInstanceUid()), p -> new ArrayList<>()).add(d.studyInstanceUid());
        }
        String ae = config.string(Settings.AE_TITLE);
        for (Map.Entry<String, List<String>> e : byPatient.entrySet()) {
            archive.audit(StudyDeletedEvent.of(AuditSource.of(ae), "local operator (./pacs delete)", ae, e.getKey(),
                    e.getValue(), Instant.now()));
        }
    }

    private static String value(DataDirOption opt, int i, String option) {
        if (i >= opt.rest().size()) {
            throw new UsageException(option + " needs a value");
        }
        return opt.rest().get(i);
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.auth.audit.PatientStudies;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.server.importer.ImportProgressRecord;
import org.pacs.server.importer.ImportReport;
import org.pacs.server.importer.Importer;
import org.pacs.server.importer.SkipReason;
import org.pacs.server.importer.StudiesSeen;

/**
 * {@code pacs import PATH...}: brings folders, DICOMDIRs and zip files into a stopped archive through
 * its one ingest path, resumably, then reports what was left out and why. While the archive runs it
 * holds the catalog, so the operator is sent to C-STORE or STOW-RS instead.
 */
final class ImportCommand implements Command {
    @Override
    public String name() {
        return "import";
    }

    @Override
    public String usage() {
        return "import [--verbose] PATH... [--data DIR]";
    }

    @Override
    public String summary() {
        return "import folders, DICOMDIRs and zip files (archive stopped)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        boolean verbose = false;
        List<Path> paths = new ArrayList<>();
        for (String a : opt.rest()) {
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else {
                paths.add(Path.of(a));
            }
        }
        if (paths.isEmpty()) {
            throw new UsageException("name at least one folder, DICOMDIR or zip file");
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        try {
            Optional<Properties> running = OfflineArchive.running(config);
            if (running.isPresent()) {
                err.println("pacs import: the archive is running (pid " + running.get().getProperty("pid")
                        + ") and holds the catalog. Stop it and import again, or send the files to it over"
                        + " DICOM-TLS as a registered AE (storescu +tls) or with STOW-RS.");
                return 1;
            }
            try (OfflineArchive archive = OfflineArchive.open(config, (i, n) -> { });
                 ImportProgressRecord record = ImportProgressRecord.open(config.dataDir(), archive.keys())) {
                StudiesSeen studies = new StudiesSeen();
                IngestPipeline pipeline = new IngestPipeline(archive.blobs(), archive.catalog(),
                        archive.duplicatePolicy(), studies, archive.journal());
                // A crash of the archive may have left acknowledged objects in the journal only.
                pipeline.recover();
                IngestSource source = new IngestSource("IMPORT", "local operator (./pacs import)", "127.0.0.1");
                Progress[] bar = new Progress[1];
                ImportReport report;
                try {
                    report = new Importer(pipeline, record, source).run(paths, new Importer.Progress() {
                        @Override
                        public void total(long objects) {
                            bar[0] = new Progress(out, "imported", objects);
                        }

                        @Override
                        public void done(long objects) {
                            bar[0].set(objects);
                        }
                    });
                } finally {
                    pipeline.checkpoint();
                    if (bar[0] != null) {
                        bar[0].finish();
                    }
                }
                for (Map.Entry<String, Set<String>> e : studies.studiesByPatient().entrySet()) {
                    archive.audit(archive.events().importInstances(OfflineArchive.operator("import"),
                            "files named on the command line", new PatientStudies(e.getKey(),
                                    List.copyOf(e.getValue()))));
                }
                report.print(out, verbose);
                return report.count(SkipReason.FAILED) > 0 ? 1 : 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println("pacs import: " + e.getMessage());
            return 1;
        }
    }
}

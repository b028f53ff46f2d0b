// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.dicom.dict.UidRegistry;

/**
 * Imports files into the archive through its one ingest path ({@link IngestPipeline}, as C-STORE does),
 * so an imported object is stored, catalogued, journaled and checked exactly like a received one.
 * Resumable: what an earlier run brought in (per {@link ImportProgressRecord}) is not opened again, and
 * the archive's duplicate policy answers anything it already holds.
 *
 * <pre>{@code
 * ImportReport report = new Importer(pipeline, record, source).run(List.of(Path.of("/media/cd")), progress);
 * report.print(System.out, false);
 * }</pre>
 */
public final class Importer {
    /** Told the number of objects found, then each one done. */
    public interface Progress {
        void total(long objects);

        void done(long objects);
    }

    private final IngestPipeline pipeline;
    private final ImportProgressRecord record;
    private final IngestSource source;

    public Importer(IngestPipeline pipeline, ImportProgressRecord record, IngestSource source) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.record = Objects.requireNonNull(record, "record");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Imports everything under {@code paths}. Stops early only when the archive cannot store (storage
     * full, catalog down): the rest is left for a re-run, which resumes.
     */
    public ImportReport run(List<Path> paths, Progress progress) throws IOException {
        ImportReport report = new ImportReport();
        try (ImportSources sources = new ImportSources()) {
            List<ImportItem> items = sources.list(paths);
            progress.total(items.size());
            long done = 0;
            for (ImportItem item : items) {
                boolean goOn = importOne(item, report);
                progress.done(++done);
                if (!goOn) {
                    break;
                }
            }
        } finally {
            record.sync();
        }
        return report;
    }

    /** Returns false when the archive cannot store anything more. */
    private boolean importOne(ImportItem item, ImportReport report) throws IOException {
        if (item.skip() != null) {
            report.skipped(item.shownAs(), item.skip(), item.skipDetail());
            return true;
        }
        String id = record.idOf(item.key(), item.size(), item.modifiedMillis());
        if (record.isDone(id)) {
            report.skipped(item.shownAs(), SkipReason.DONE_EARLIER, null);
            return true;
        }
        String incomplete;
        try (InputStream whole = item.opener().open()) {
            incomplete = CompletenessCheck.problemIn(whole);
        } catch (IOException e) {
            report.skipped(item.shownAs(), SkipReason.DAMAGED, "cannot be read: " + e.getClass().getSimpleName());
            return true;
        }
        InputStream raw;
        try {
            raw = item.opener().open();
        } catch (IOException e) {
            report.skipped(item.shownAs(), SkipReason.DAMAGED, "cannot be read: " + e.getClass().getSimpleName());
            return true;
        }
        try (Part10Input in = Part10Input.read(raw)) {
            if (incomplete != null) {
                report.skipped(item.shownAs(), SkipReason.DAMAGED, incomplete);
                return true;
            }
            if (ImportSources.MEDIA_STORAGE_DIRECTORY.equals(in.sopClassUid)) {
                report.skipped(item.shownAs(), SkipReason.UNSUPPORTED,
                        "a DICOMDIR: name it (or its folder) to import the files it lists");
                return true;
            }
            if (!UidRegistry.standard().isStorageSopClass(in.sopClassUid)) {
                report.skipped(item.shownAs(), SkipReason.UNSUPPORTED,
                        "SOP Class " + in.sopClassUid + " is not a storage SOP Class the archive accepts");
                return true;
            }
            if (!UidRegistry.standard().isTransferSyntax(in.transferSyntaxUid)) {
                report.skipped(item.shownAs(), SkipReason.UNSUPPORTED, "unknown Transfer Syntax "
                        + in.transferSyntaxUid);
                return true;
            }
            IngestOutcome outcome;
            try {
                outcome = pipeline.ingest(new IngestRequest(in.sopClassUid, in.sopInstanceUid, in.transferSyntaxUid,
                        source), in.dataSet());
            } catch (IOException e) {
                report.skipped(item.shownAs(), SkipReason.DAMAGED, "ends early or cannot be read to its end");
                return true;
            }
            return recordOutcome(item, id, outcome, report);
        } catch (Part10Input.Unreadable e) {
            report.skipped(item.shownAs(), e.looksLikeDicom ? SkipReason.DAMAGED : SkipReason.NOT_DICOM,
                    e.looksLikeDicom ? e.getMessage() : null);
            return true;
        } catch (IOException e) {
            report.skipped(item.shownAs(), SkipReason.DAMAGED, "cannot be read: " + e.getClass().getSimpleName());
            return true;
        }
    }

    private boolean recordOutcome(ImportItem item, String id, IngestOutcome outcome, ImportReport report)
            throws IOException {
        switch (outcome.status()) {
            case IngestOutcome.SUCCESS -> {
                report.stored();
                record.markDone(id);
            }
            case IngestOutcome.ELEMENTS_DISCARDED -> {
                report.skipped(item.shownAs(), SkipReason.DUPLICATE, null);
                record.markDone(id);
            }
            case IngestOutcome.OUT_OF_RESOURCES -> {
                report.skipped(item.shownAs(), SkipReason.FAILED, outcome.errorComment());
                return false;
            }
            default -> report.skipped(item.shownAs(), SkipReason.DAMAGED, outcome.errorComment());
        }
        return true;
    }
}

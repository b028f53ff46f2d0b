// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;

/**
 * Turns the paths an operator names into the objects to import: a folder (recursively, in name order),
 * a DICOMDIR (the files its directory records reference, PS3.10 §8 and PS3.3 §F.3), a zip file (its
 * entries, inflated as they are read: nothing is extracted to the disk), or a single file.
 */
final class ImportSources implements AutoCloseable {
    /** PS3.4 Media Storage Directory Storage: the SOP class of a DICOMDIR. */
    static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final List<ZipFile> openZips = new ArrayList<>();

    /** Every object under {@code paths}, in order. Zip files stay open until {@link #close}. */
    List<ImportItem> list(List<Path> paths) throws IOException {
        List<ImportItem> items = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        addFile(f, items);
                    }
                }
            } else if (Files.isRegularFile(p)) {
                if (isDicomdir(p)) {
                    addDicomdir(p, items);
                } else {
                    addFile(p, items);
                }
            } else {
                items.add(ImportItem.skipped(p.toString(), SkipReason.NOT_DICOM, "no such file or folder"));
            }
        }
        return items;
    }

    private void addFile(Path f, List<ImportItem> items) throws IOException {
        if (isZip(f)) {
            addZip(f, items);
            return;
        }
        Path abs = f.toAbsolutePath().normalize();
        items.add(ImportItem.of(f.toString(), abs.toString(), Files.size(f), Files.getLastModifiedTime(f).toMillis(),
                () -> Files.newInputStream(f)));
    }

    private void addZip(Path f, List<ImportItem> items) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(f.toFile());
        } catch (java.util.zip.ZipException e) {
            items.add(ImportItem.skipped(f.toString(), SkipReason.DAMAGED, "unreadable zip file"));
            return;
        }
        openZips.add(zip);
        String abs = f.toAbsolutePath().normalize().toString();
        List<ZipEntry> entries = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (!entry.isDirectory()) {
                entries.add(entry);
            }
        }
        entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
        for (ZipEntry entry : entries) {
            String shown = f + "!" + entry.getName();
            if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                items.add(ImportItem.skipped(shown, SkipReason.UNSUPPORTED, "a zip inside a zip: unpack it first"));
                continue;
            }
            items.add(ImportItem.of(shown, abs + "!" + entry.getName() + "!" + entry.getCrc(), entry.getSize(),
                    entry.getTime(), () -> zip.getInputStream(entry)));
        }
    }

    /**
     * The files a DICOMDIR references: every directory record with a Referenced File ID (0004,1500),
     * whose components are the path relative to the DICOMDIR's folder (PS3.10 §8.2). Records are read
     * in the order stored; the lower-level offsets need not be followed to find every referenced file.
     */
    private void addDicomdir(Path dicomdir, List<ImportItem> items) throws IOException {
        Attributes ds;
        try (Part10Reader r = Part10Reader.open(dicomdir, ReadOptions.defaults())) {
            ds = r.readDataSet();
        } catch (DicomException e) {
            items.add(ImportItem.skipped(dicomdir.toString(), SkipReason.DAMAGED, "DICOMDIR unreadable: "
                    + e.getMessage()));
            return;
        }
        Sequence records = ds.getSequence(Tags.DirectoryRecordSequence);
        if (records == null) {
            return;
        }
        Path base = dicomdir.toAbsolutePath().getParent();
        for (Attributes record : records) {
            String[] components = record.getStrings(Tags.ReferencedFileID);
            if (components == null || components.length == 0) {
                continue;
            }
            Path file = base;
            boolean escapes = false;
            for (String c : components) {
                String part = c.strip();
                if (part.isEmpty() || part.equals("..") || part.equals(".") || part.contains("/")) {
                    escapes = true;
                    break;
                }
                file = file.resolve(part);
            }
            String shown = String.join("\\", Arrays.asList(components));
            if (escapes) {
                items.add(ImportItem.skipped(shown, SkipReason.DAMAGED, "DICOMDIR names a file outside its folder"));
            } else if (!Files.isRegularFile(file)) {
                items.add(ImportItem.skipped(file.toString(), SkipReason.DAMAGED, "named in the DICOMDIR, missing"));
            } else {
                addFile(file, items);
            }
        }
    }

    /** A DICOMDIR by name (PS3.10 §8.6) or by its Media Storage SOP Class. */
    static boolean isDicomdir(Path f) throws IOException {
        if (f.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
            return true;
        }
        try (Part10Reader r = Part10Reader.open(f, ReadOptions.defaults())) {
            Attributes fmi = r.fileMetaInformation();
            return fmi != null && MEDIA_STORAGE_DIRECTORY.equals(fmi.getString(Tags.MediaStorageSOPClassUID));
        } catch (DicomException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isZip(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return Arrays.equals(in.readNBytes(4), ZIP_MAGIC);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (ZipFile z : openZips) {
            try {
                z.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

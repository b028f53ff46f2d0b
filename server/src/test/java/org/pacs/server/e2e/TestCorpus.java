// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * A small synthetic archive's worth of images made with DCMTK: several patients, each with studies and
 * series, every instance in one of several transfer syntaxes (native, deflated and three lossless codecs),
 * from the template {@code e2e/instance.dump}. Deterministic: the same shape gives the same UIDs and bytes.
 */
final class TestCorpus {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    private static final String[][] PATIENTS = {
        {"Alpha^Anna", "19500101", "F"}, {"Beta^Bert", "19621231", "M"}, {"Gamma^Gina", "19770615", "F"},
        {"Delta^Dirk", "19881020", "M"}, {"Epsilon^Eva", "20010305", "F"}, {"Zeta^Zora", "19430709", "O"}};

    /**
     * How an instance is encoded in its file, the storescu option that proposes that transfer syntax, and
     * the transfer syntax it travels in (storescu converts Big Endian, which the archive does not prefer).
     */
    enum Encoding {
        EXPLICIT_LE("1.2.840.10008.1.2.1", "-x=", "1.2.840.10008.1.2.1"),
        IMPLICIT_LE("1.2.840.10008.1.2", "-x=", "1.2.840.10008.1.2"),
        EXPLICIT_BE("1.2.840.10008.1.2.2", "-x=", "1.2.840.10008.1.2.1"),
        DEFLATED("1.2.840.10008.1.2.1.99", "-xd", "1.2.840.10008.1.2.1.99"),
        JPEG_LOSSLESS("1.2.840.10008.1.2.4.70", "-xs", "1.2.840.10008.1.2.4.70"),
        RLE("1.2.840.10008.1.2.5", "-xr", "1.2.840.10008.1.2.5"),
        JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "-xt", "1.2.840.10008.1.2.4.80");

        final String fileTransferSyntax;
        final String storescuOption;
        final String wireTransferSyntax;

        Encoding(String fileTransferSyntax, String storescuOption, String wireTransferSyntax) {
            this.fileTransferSyntax = fileTransferSyntax;
            this.storescuOption = storescuOption;
            this.wireTransferSyntax = wireTransferSyntax;
        }
    }

    /**
     * The corpus's layout: counts per level, image size, and the encodings handed out in turn, to each
     * instance or (so that a series can be retrieved in one transfer syntax) to each series.
     */
    record Shape(String uidRoot, int patients, int studiesPerPatient, int seriesPerStudy, int instancesPerSeries,
            int rows, int columns, List<Encoding> encodings, boolean encodingPerSeries) {

        Shape(String uidRoot, int patients, int studiesPerPatient, int seriesPerStudy, int instancesPerSeries,
                int rows, int columns, List<Encoding> encodings) {
            this(uidRoot, patients, studiesPerPatient, seriesPerStudy, instancesPerSeries, rows, columns, encodings,
                    false);
        }
    }

    /** One generated file and the attributes the tests match on. */
    record Instance(Path file, String patientId, String patientName, String birthDate, String sex, String studyUid,
            String studyDate, String accession, String studyId, String seriesUid, String modality, int seriesNumber,
            String sopClassUid, String sopInstanceUid, int instanceNumber, Encoding encoding) {
    }

    private final List<Instance> instances;

    private TestCorpus(List<Instance> instances) {
        this.instances = List.copyOf(instances);
    }

    List<Instance> instances() {
        return instances;
    }

    List<Instance> where(Predicate<Instance> filter) {
        return instances.stream().filter(filter).toList();
    }

    Optional<Instance> byFile(Path file) {
        return instances.stream().filter(i -> i.file().equals(file)).findFirst();
    }

    /** The instances grouped by the storescu option that sends each in its own transfer syntax. */
    Map<String, List<Instance>> byStorescuOption() {
        Map<String, List<Instance>> groups = new LinkedHashMap<>();
        for (Instance i : instances) {
            groups.computeIfAbsent(i.encoding().storescuOption, k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /** Writes the corpus under {@code dir} with dump2dcm, dcmconv, dcmcjpeg, dcmcrle and dcmcjpls. */
    static TestCorpus generate(Path dir, Shape shape) throws IOException {
        Files.createDirectories(dir);
        String template;
        try (InputStream in = TestCorpus.class.getResourceAsStream("/e2e/instance.dump")) {
            template = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Path pixels = dir.resolve("pixels-" + shape.rows() + "x" + shape.columns() + ".raw");
        Files.write(pixels, pixels(shape.rows(), shape.columns()));
        List<Instance> planned = new ArrayList<>();
        int n = 0;
        int seriesCount = 0;
        for (int p = 1; p <= shape.patients(); p++) {
            String[] patient = PATIENTS[(p - 1) % PATIENTS.length];
            String patientId = "E2E-" + p;
            for (int st = 1; st <= shape.studiesPerPatient(); st++) {
                String studyUid = shape.uidRoot() + "." + p + "." + st;
                String studyDate = String.format("20%02d%02d%02d", 18 + st, (p % 12) + 1, 10 + st);
                for (int se = 1; se <= shape.seriesPerStudy(); se++, seriesCount++) {
                    boolean ct = se % 2 == 1;
                    for (int in = 1; in <= shape.instancesPerSeries(); in++, n++) {
                        Encoding e = shape.encodings().get((shape.encodingPerSeries() ? seriesCount : n)
                                % shape.encodings().size());
                        String name = "p" + p + "-st" + st + "-se" + se + "-i" + in + "-" + e.name().toLowerCase();
                        planned.add(new Instance(dir.resolve(name + ".dcm"), patientId, patient[0], patient[1],
                                patient[2], studyUid, studyDate, "ACC" + p + st, "S" + st, studyUid + "." + se,
                                ct ? "CT" : "MR", se, ct ? CT : MR, studyUid + "." + se + "." + in, in, e));
                    }
                }
            }
        }
        // Two at a time: the machine has two cores, and each file is one or two short tool runs.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Instance i : planned) {
                jobs.add(pool.submit(() -> {
                    write(i, template, pixels, shape);
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("generating the corpus failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new TestCorpus(planned);
    }

    private static void write(Instance i, String template, Path pixels, Shape shape) throws IOException {
        String dump = template.replace("@SOP_CLASS@", i.sopClassUid()).replace("@SOP_INSTANCE@", i.sopInstanceUid())
                .replace("@STUDY_DATE@", i.studyDate()).replace("@STUDY_TIME@", "0930" + i.seriesNumber() + "0")
                .replace("@ACCESSION@", i.accession()).replace("@MODALITY@", i.modality())
                .replace("@STUDY_DESCRIPTION@", "E2E study " + i.studyId())
                .replace("@SERIES_DESCRIPTION@", i.modality() + " series " + i.seriesNumber())
                .replace("@PATIENT_NAME@", i.patientName()).replace("@PATIENT_ID@", i.patientId())
                .replace("@BIRTH_DATE@", i.birthDate()).replace("@SEX@", i.sex())
                .replace("@STUDY_UID@", i.studyUid()).replace("@SERIES_UID@", i.seriesUid())
                .replace("@STUDY_ID@", i.studyId()).replace("@SERIES_NUMBER@", Integer.toString(i.seriesNumber()))
                .replace("@INSTANCE_NUMBER@", Integer.toString(i.instanceNumber()))
                .replace("@POSITION@", Integer.toString(i.instanceNumber() * 3))
                .replace("@ROWS@", Integer.toString(shape.rows())).replace("@COLUMNS@", Integer.toString(shape.columns()))
                .replace("@TRANSFER_SYNTAX_NAME@", i.encoding().name()).replace("@PIXELS@", pixels.toString());
        Path dumpFile = i.file().resolveSibling(i.file().getFileName() + ".dump");
        Files.writeString(dumpFile, dump, StandardCharsets.US_ASCII);
        String native_ = switch (i.encoding()) {
            case IMPLICIT_LE -> "+ti";
            case EXPLICIT_BE -> "+tb";
            default -> "+te";
        };
        Path made = switch (i.encoding()) {
            case EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE -> i.file();
            default -> i.file().resolveSibling(i.file().getFileName() + ".native");
        };
        check(Tools.run("dump2dcm", "-q", native_, dumpFile.toString(), made.toString()));
        switch (i.encoding()) {
            case DEFLATED -> check(Tools.run("dcmconv", "-q", "+td", made.toString(), i.file().toString()));
            case JPEG_LOSSLESS -> check(Tools.run("dcmcjpeg", "-q", "+e1", made.toString(), i.file().toString()));
            case RLE -> check(Tools.run("dcmcrle", "-q", made.toString(), i.file().toString()));
            case JPEG_LS_LOSSLESS -> check(Tools.run("dcmcjpls", "-q", "+el", made.toString(), i.file().toString()));
            default -> {
            }
        }
        Files.deleteIfExists(dumpFile);
        if (!made.equals(i.file())) {
            Files.delete(made);
        }
    }

    private static void check(ToolRun run) {
        assertEquals(0, run.exitCode(), run::toString);
    }

    /** A smooth ramp with a little deterministic noise, 12 bits in 16: compressible but not trivial. */
    static byte[] pixels(int rows, int columns) {
        ByteBuffer b = ByteBuffer.allocate(rows * columns * 2).order(ByteOrder.LITTLE_ENDIAN);
        long state = 12345;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                int noise = (int) ((state >>> 60) & 0x7);
                b.putShort((short) (((x * 4096 / columns) + (y * 1024 / rows) + noise) & 0x0FFF));
            }
        }
        return b.array();
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * Query and retrieve against the real archive after a restart, with DCMTK: {@code findscu +tls} at every
 * level with each kind of matching, {@code movescu} to a {@code storescp +tls} destination and
 * {@code getscu} (both through stunnel), the retrieved data sets compared byte for byte with the ones
 * sent; and the refusals: a store-only AE may not query or retrieve, and nobody may move to a destination
 * the registry does not allow them.
 */
class QueryRetrieveIT {
    @TempDir
    static Path root;
    static TestCorpus corpus;
    static ArchiveProcess archive;
    static AeBundle modality;
    static AeBundle workstation;
    static AeBundle destination;
    static Stunnel stunnel;
    static RunningTool storescp;
    static Path movedTo;

    @BeforeAll
    static void storeRestartAndConnect() throws IOException {
        corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.9001", 3, 2, 2, 2, 64, 64,
                List.of(Encoding.values()), true));
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        modality = archive.registerAe("MOD1");
        int destinationPort = ArchiveProcess.freePort();
        destination = archive.registerAe("DEST", "--host", ArchiveProcess.HOST, "--port",
                Integer.toString(destinationPort));
        archive.registerAe("OTHER", "--host", ArchiveProcess.HOST, "--port", Integer.toString(ArchiveProcess.freePort()));
        workstation = archive.registerAe("WS", "--allow", "store,query,retrieve", "--move-to", "DEST");
        for (Map.Entry<String, List<Instance>> group : corpus.byStorescuOption().entrySet()) {
            ToolRun run = StoreScu.send(modality, archive, group.getKey(),
                    group.getValue().stream().map(Instance::file).toList());
            assertEquals(group.getValue().size(), run.count("Received Store Response (Success)"), run::toString);
        }
        // Everything below runs against the restarted archive (the study index is rebuilt at start).
        archive.stop();
        archive.start();
        stunnel = Stunnel.start(root.resolve("stunnel"), archive, List.of(workstation, modality));
        movedTo = Files.createDirectories(root.resolve("moved"));
        // +xa: accept the compressed syntaxes too; +B: write what arrives, bit for bit.
        List<String> command = new ArrayList<>(List.of("storescp", "-v", "+xa", "+B"));
        command.addAll(destination.dcmtkTls());
        command.addAll(List.of("-aet", "DEST", "-od", movedTo.toString(), Integer.toString(destinationPort)));
        storescp = Tools.start(root.resolve("storescp.log"), command);
        Stunnel.awaitListening(storescp, destinationPort, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopAll() {
        if (storescp != null) {
            storescp.close();
        }
        if (stunnel != null) {
            stunnel.close();
        }
        if (archive != null) {
            archive.close();
        }
    }

    static Set<String> distinct(List<String> values) {
        return new TreeSet<>(values);
    }

    static Set<String> corpusValues(Function<Instance, String> attribute,
            Predicate<Instance> filter) {
        return corpus.where(filter).stream().map(attribute).collect(Collectors.toCollection(TreeSet::new));
    }

    static FindScu.Result find(AeBundle ae, String model, String... keys) {
        FindScu.Result r = FindScu.query(archive, ae, model, keys);
        assertEquals(0, r.run().exitCode(), r::toString);
        return r;
    }

    static void assertSameDataSets(List<Instance> sent, Map<String, Path> received, boolean explicitLittle)
            throws IOException {
        assertEquals(List.of(), DataSets.differences(sent, received, explicitLittle, root.resolve("converted")));
    }

    @Nested
    class Find {
        @Test
        void studyLevelUniversalMatchingReturnsEveryStudyWithItsCounts() {
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientID",
                    "StudyDate", "NumberOfStudyRelatedInstances", "NumberOfStudyRelatedSeries");

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(corpusValues(Instance::studyUid, i -> true), distinct(r.values("0020,000d")), r::toString);
            assertEquals(6, r.matches().size(), r::toString);
            assertEquals(Set.of("4"), distinct(r.values("0020,1208")), r::toString);
            assertEquals(Set.of("2"), distinct(r.values("0020,1206")), r::toString);
        }

        @Test
        void singleValueMatchingOnPatientId() {
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=STUDY", "PatientID=E2E-2",
                    "StudyInstanceUID");

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(corpusValues(Instance::studyUid, i -> i.patientId().equals("E2E-2")),
                    distinct(r.values("0020,000d")), r::toString);
            assertEquals(Set.of("E2E-2"), distinct(r.values("0010,0020")), r::toString);
        }

        @Test
        void wildcardMatchingOnPatientName() {
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=STUDY", "PatientName=Be*",
                    "StudyInstanceUID");

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(corpusValues(Instance::studyUid, i -> i.patientName().startsWith("Be")),
                    distinct(r.values("0020,000d")), r::toString);
            assertEquals(Set.of("Beta^Bert"), distinct(r.values("0010,0010")), r::toString);
        }

        @Test
        void rangeMatchingOnStudyDate() {
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=STUDY", "StudyDate=20200101-20201231",
                    "StudyInstanceUID");

            assertEquals("Success", r.finalStatus(), r::toString);
            Set<String> expected = corpusValues(Instance::studyUid, i -> i.studyDate().startsWith("2020"));
            assertEquals(3, expected.size());
            assertEquals(expected, distinct(r.values("0020,000d")), r::toString);
        }

        @Test
        void listOfUidMatchingOnStudyInstanceUid() {
            List<String> two = corpus.instances().stream().map(Instance::studyUid).distinct().limit(2).toList();
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + String.join("\\", two));

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(new TreeSet<>(two), distinct(r.values("0020,000d")), r::toString);
        }

        @Test
        void patientLevelOfThePatientRootModel() {
            FindScu.Result r = find(workstation, "-P", "QueryRetrieveLevel=PATIENT", "PatientID", "PatientName",
                    "PatientBirthDate", "NumberOfPatientRelatedStudies");

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(corpusValues(Instance::patientId, i -> true), distinct(r.values("0010,0020")), r::toString);
            assertEquals(corpusValues(Instance::patientName, i -> true), distinct(r.values("0010,0010")), r::toString);
            assertEquals(Set.of("2"), distinct(r.values("0020,1200")), r::toString);
        }

        @Test
        void seriesLevelWithinAStudyMatchingModality() {
            Instance any = corpus.instances().getFirst();
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=SERIES",
                    "StudyInstanceUID=" + any.studyUid(), "Modality=MR", "SeriesInstanceUID", "SeriesNumber",
                    "NumberOfSeriesRelatedInstances");

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(corpusValues(Instance::seriesUid, i -> i.studyUid().equals(any.studyUid())
                    && i.modality().equals("MR")), distinct(r.values("0020,000e")), r::toString);
            assertEquals(Set.of("2"), distinct(r.values("0020,1209")), r::toString);
        }

        @Test
        void imageLevelWithinASeries() {
            Instance any = corpus.instances().getLast();
            FindScu.Result r = find(workstation, "-S", "QueryRetrieveLevel=IMAGE",
                    "StudyInstanceUID=" + any.studyUid(), "SeriesInstanceUID=" + any.seriesUid(), "SOPInstanceUID",
                    "SOPClassUID", "InstanceNumber");

            assertEquals("Success", r.finalStatus(), r::toString);
            assertEquals(corpusValues(Instance::sopInstanceUid, i -> i.seriesUid().equals(any.seriesUid())),
                    distinct(r.values("0008,0018")), r::toString);
            // findscu prints a well-known UID by its name.
            assertEquals(Set.of(any.modality().equals("CT") ? "=CTImageStorage" : "=MRImageStorage"),
                    distinct(r.values("0008,0016")), r::toString);
        }
    }

    @Nested
    class Move {
        @Test
        void movesEachPatientToATlsStorescpUnchanged() throws IOException {
            for (String patientId : corpusValues(Instance::patientId, i -> true)) {
                ToolRun run = RetrieveScu.move(stunnel, "WS", "DEST", "-P", "QueryRetrieveLevel=PATIENT",
                        "PatientID=" + patientId);

                assertEquals(0, run.exitCode(), run::toString);
                assertTrue(run.output().contains("Received Final Move Response (Success)"), run::toString);
            }

            assertSameDataSets(corpus.instances(), RetrieveScu.receivedByInstanceUid(movedTo), false);
            List<AuditRecordView> transfers = archive.auditRecords().stream()
                    .filter(AuditRecordView::isInstancesTransferred).filter(r -> r.participants().contains("DEST"))
                    .toList();
            assertFalse(transfers.isEmpty(), "the moves are audited with their destination");
        }
    }

    @Nested
    class Get {
        @Test
        void getsEachSeriesBackUnchangedOrAsDcmtkWouldConvertIt() throws IOException {
            Map<String, List<Instance>> bySeries = new LinkedHashMap<>();
            corpus.instances().forEach(i -> bySeries.computeIfAbsent(i.seriesUid(), k -> new ArrayList<>()).add(i));
            for (List<Instance> series : bySeries.values()) {
                Instance first = series.getFirst();
                Path into = root.resolve("got").resolve(first.seriesUid());
                ToolRun run = RetrieveScu.get(stunnel, "WS", into, first.encoding(), "-S", "QueryRetrieveLevel=SERIES",
                        "StudyInstanceUID=" + first.studyUid(), "SeriesInstanceUID=" + first.seriesUid());

                assertEquals(0, run.exitCode(), run::toString);
                assertTrue(run.output().contains("Number of Completed Suboperations : " + series.size()), run::toString);
                assertTrue(run.output().contains("Number of Failed Suboperations    : 0"), run::toString);
                assertSameDataSets(series, RetrieveScu.receivedByInstanceUid(into), true);
            }
        }
    }

    @Nested
    class Refused {
        @Test
        void aStoreOnlyAeMayNotQuery() {
            FindScu.Result r = find(modality, "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID");

            assertEquals(List.of(), r.matches(), r::toString);
            // 0124 Refused: Not Authorized (PS3.7 Annex C), which DCMTK 3.6.7 prints as an unknown status.
            assertEquals("Unknown Status: 0x124", r.finalStatus(), r::toString);
            assertTrue(refusalAudited("MOD1", "C-FIND"), "the refused query is audited");
        }

        @Test
        void aStoreOnlyAeMayNotMove() {
            ToolRun run = RetrieveScu.move(stunnel, "MOD1", "MOD1", "-S", "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + corpus.instances().getFirst().studyUid());

            assertTrue(run.output().contains("Move response with error status (Unknown Status: 0x124)"), run::toString);
            assertTrue(refusalAudited("MOD1", "C-MOVE"), "the refused move is audited");
        }

        @Test
        void noMoveToARegisteredAeThatIsNotAnAllowedDestination() {
            ToolRun run = RetrieveScu.move(stunnel, "WS", "OTHER", "-S", "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + corpus.instances().getFirst().studyUid());

            assertTrue(run.output().contains("Move response with error status (Refused: MoveDestinationUnknown)"),
                    run::toString);
            assertTrue(refusalAudited("WS", "OTHER"), "the refused move is audited");
        }

        @Test
        void noMoveToAnUnknownAe() {
            ToolRun run = RetrieveScu.move(stunnel, "WS", "NOBODY", "-S", "QueryRetrieveLevel=STUDY",
                    "StudyInstanceUID=" + corpus.instances().getFirst().studyUid());

            assertTrue(run.output().contains("Move response with error status (Refused: MoveDestinationUnknown)"),
                    run::toString);
        }

        static boolean refusalAudited(String aeTitle, String what) {
            return archive.auditRecords().stream().anyMatch(r -> r.event().equals("Security Alert")
                    && r.requestedBy(aeTitle) && !r.isSuccess() && r.describes(what));
        }
    }
}

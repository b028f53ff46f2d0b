// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * A modality stores a small multi-patient corpus in seven transfer syntaxes into the real archive with
 * {@code storescu +tls}; every instance is acknowledged and audited, and after a restart the archive still
 * has every one of them (a second send of each is answered B006, duplicate kept). The steps build on each
 * other, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreAndRestartIT {
    @TempDir
    static Path root;
    static ArchiveProcess archive;
    static AeBundle modality;
    static TestCorpus corpus;

    @BeforeAll
    static void startArchiveAndMakeCorpus() throws IOException {
        corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.7001", 3, 2, 2, 2, 64, 64,
                List.of(Encoding.values())));
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        modality = archive.registerAe("MOD1");
    }

    @AfterAll
    static void stopArchive() {
        if (archive != null) {
            archive.close();
        }
    }

    /** Sends the whole corpus, one storescu per proposal option; returns the status per file. */
    static Map<Path, String> sendCorpus() {
        Map<Path, String> statuses = new HashMap<>();
        for (Map.Entry<String, List<Instance>> group : corpus.byStorescuOption().entrySet()) {
            ToolRun run = StoreScu.send(modality, archive, group.getKey(),
                    group.getValue().stream().map(Instance::file).toList());
            assertEquals(0, run.exitCode(), run::toString);
            statuses.putAll(StoreScu.responses(run.output()));
            for (Instance i : group.getValue()) {
                assertTrue(statuses.containsKey(i.file()), () -> "no response for " + i.file() + " in\n" + run);
            }
            if (group.getKey().equals("-x=")) {
                continue;
            }
            // Compressed and deflated files travel as they are (storescu converts only when it must).
            for (String line : run.output().lines().filter(l -> l.contains("Converting transfer syntax:")).toList()) {
                String[] sides = line.substring(line.indexOf(':', line.indexOf("Converting")) + 1).split(" -> ");
                assertEquals(sides[0].strip(), sides[1].strip(), () -> "storescu converted: " + line);
            }
        }
        return statuses;
    }

    @Test
    @Order(1)
    void acknowledgesAndAuditsEveryInstanceOfEveryTransferSyntax() {
        Map<Path, String> statuses = sendCorpus();

        List<String> notStored = corpus.instances().stream().filter(i -> !StoreScu.SUCCESS.equals(statuses.get(i.file())))
                .map(i -> i.file().getFileName() + ": " + statuses.get(i.file())).toList();
        assertEquals(List.of(), notStored);
        List<AuditRecordView> stores = archive.auditRecords().stream().filter(AuditRecordView::isInstancesTransferred)
                .filter(r -> r.requestedBy("MOD1")).toList();
        assertEquals(corpus.instances().size(), stores.stream().filter(AuditRecordView::isSuccess).count(),
                () -> "one successful C-STORE record per instance: " + stores);
        Set<String> auditedObjects = stores.stream().flatMap(r -> r.objectIds().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sentStudies = corpus.instances().stream().map(Instance::studyUid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(auditedObjects.containsAll(sentStudies), () -> auditedObjects + " lacks some of " + sentStudies);
        Set<String> auditedPatients = corpus.instances().stream().map(Instance::patientId)
                .filter(auditedObjects::contains).collect(Collectors.toSet());
        assertEquals(corpus.instances().stream().map(Instance::patientId).collect(Collectors.toSet()), auditedPatients,
                "each store record names the patient");
    }

    @Test
    @Order(2)
    void stillHasEveryInstanceAfterARestart() throws IOException {
        archive.stop();
        ToolRun verify = archive.cli("audit", "verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        archive.start();

        Map<Path, String> statuses = sendCorpus();

        List<String> notKept = corpus.instances().stream()
                .filter(i -> !StoreScu.DUPLICATE.equals(statuses.get(i.file())))
                .map(i -> i.file().getFileName() + ": " + statuses.get(i.file())).toList();
        assertEquals(List.of(), notKept, "every instance answers 'duplicate kept' (B006) after the restart");
        List<String> stopsAndStarts = new ArrayList<>();
        for (AuditRecordView r : archive.auditRecords()) {
            if (r.event().equals("Application Activity")) {
                stopsAndStarts.add(String.join(",", r.eventTypes()));
            }
        }
        assertEquals(List.of("Application Start", "Application Stop", "Application Start"), stopsAndStarts);
    }
}

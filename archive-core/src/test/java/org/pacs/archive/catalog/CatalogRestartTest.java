// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.archive.catalog.TestHeaders.instance;
import static org.pacs.archive.catalog.TestHeaders.uid;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.index.StudyIndexFields;

class CatalogRestartTest {
    @TempDir
    Path dir;

    private static long indexedStudiesOfPatient(Catalog catalog, String patientId) {
        return catalog.read(s -> Search.session(s).search(Study.class)
                .where(f -> f.match().field(StudyIndexFields.PATIENT_ID).matching(patientId))
                .fetchTotalHitCount());
    }

    @Test
    void reopeningKeepsTheCatalogAndRebuildsTheIndexReportingProgress() {
        CatalogSecrets secrets = TestHeaders.secrets();
        try (Catalog catalog = TestHeaders.open(dir, secrets)) {
            for (int i = 0; i < 5; i++) {
                TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), uid()));
            }
            TestHeaders.record(catalog, instance("P2", "Roe^Rick", uid(), uid()));
            assertEquals(5, indexedStudiesOfPatient(catalog, "P1"));
        }
        List<long[]> progress = new CopyOnWriteArrayList<>();
        try (Catalog catalog = Catalog.open(CatalogConfig.h2(dir, secrets).rebuildThreads(1)
                .progress((done, total) -> progress.add(new long[] {done, total})).build())) {
            assertEquals(6, catalog.countStudies());
            assertEquals(6, catalog.lastRebuild().documents());
            assertEquals(5, indexedStudiesOfPatient(catalog, "P1"));
            long[] last = progress.get(progress.size() - 1);
            assertEquals(6, last[0]);
            assertEquals(6, last[1]);
        }
    }

    @Test
    void theIndexFollowsCommitsWithoutARebuild() {
        try (Catalog catalog = TestHeaders.open(dir, TestHeaders.secrets())) {
            String study = uid();
            TestHeaders.record(catalog, instance("P9", "Doe^Jane", study, uid()));
            assertEquals(1, indexedStudiesOfPatient(catalog, "P9"));

            catalog.writer().deleteStudy(study);

            assertEquals(0, indexedStudiesOfPatient(catalog, "P9"));
        }
    }

    @Test
    void refusesToOpenWithOtherSecrets() {
        try (Catalog catalog = TestHeaders.open(dir, TestHeaders.secrets())) {
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), uid()));
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> TestHeaders.open(dir, TestHeaders.secrets()));
        assertFalse(String.valueOf(e.getMessage()).contains("Doe"));
    }

    @Test
    void writesNoIndexFilesToDisk() throws Exception {
        try (Catalog catalog = TestHeaders.open(dir, TestHeaders.secrets())) {
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), uid()));
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            List<String> names = files.filter(java.nio.file.Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString()).toList();
            assertTrue(names.stream().allMatch(n -> n.startsWith("catalog/catalog.")), names::toString);
        }
    }
}

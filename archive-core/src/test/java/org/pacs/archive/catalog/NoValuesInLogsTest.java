// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.archive.catalog.TestHeaders.instance;
import static org.pacs.archive.catalog.TestHeaders.uid;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database error quoting a patient ID reaches neither the log nor the exception's message. */
class NoValuesInLogsTest {
    private static final String SECRET = "SECRETPID-4711";
    private static final String INSERT = "insert into patient (id, version, header_instance_id,"
            + " issuer_of_patient_id, patient_id) values (999999, 0, 0, '', :id)";

    @TempDir
    Path dir;
    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            logged.add(r.getLoggerName() + " " + formatter.format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    /** A second patient row with the same Patient ID and issuer: H2's message quotes the key. */
    private static RuntimeException duplicateKey(Catalog catalog) {
        return assertThrows(RuntimeException.class, () -> catalog.read(s -> s.createNativeMutationQuery(INSERT)
                .setParameter("id", SECRET).executeUpdate()));
    }

    @Test
    void aDuplicateKeyIsNeitherLoggedNorInTheException() {
        try (Catalog catalog = TestHeaders.open(dir, TestHeaders.secrets())) {
            TestHeaders.record(catalog, instance(SECRET, "Secret^Name", uid(), uid()));

            RuntimeException e = duplicateKey(catalog);

            assertTrue(e instanceof CatalogException, e.getClass().getName());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertNull(e.getCause());
            assertTrue(logged.stream().noneMatch(line -> line.contains(SECRET)), logged::toString);
            // The driver's own message, which CatalogException leaves out, does quote it.
            RuntimeException raw = assertThrows(RuntimeException.class, () -> catalog.sessionFactory().inTransaction(
                    s -> s.createNativeMutationQuery(INSERT).setParameter("id", SECRET).executeUpdate()));
            assertTrue(messages(raw).contains(SECRET));
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}

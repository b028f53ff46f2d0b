// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.pacs.archive.index.IndexProgress;
import org.pacs.archive.index.IndexRebuilder;
import org.pacs.archive.index.IndexSettings;
import org.pacs.archive.index.RebuildReport;

/**
 * The archive's catalog: patients, studies, series and instances in a relational database (Hibernate
 * ORM; embedded H2 in an encrypted file, or PostgreSQL), with the study index (Hibernate Search,
 * Lucene, in memory) rebuilt at each {@link #open} and kept in step by automatic indexing.
 *
 * <pre>{@code
 * try (Catalog catalog = Catalog.open(CatalogConfig.h2(dataDir, secrets).build())) {
 *     RecordResult r = catalog.writer().record(header, tsUid, blob, DuplicatePolicy.REPLACE);
 *     List<InstanceLocation> study = catalog.findInstances(QueryRetrieveLevel.STUDY, studyUid);
 * }
 * }</pre>
 */
public final class Catalog implements AutoCloseable {
    private static final String H2_USER = "pacs";
    // Hibernate logs SQL errors and warnings with the database's message, which quotes values (a
    // duplicate key lists the key): patient data must not reach the logs. Hibernate 7's categories
    // (SQLExceptionLogging), through JBoss Logging's JUL backend. Held strongly so the levels stick.
    private static final List<Logger> SQL_MESSAGE_LOGS = List.of(Logger.getLogger("org.hibernate.orm.jdbc.error"),
            Logger.getLogger("org.hibernate.orm.jdbc.warn"),
            Logger.getLogger("org.hibernate.engine.jdbc.spi.SqlExceptionHelper"));

    private final EntityManagerFactory emf;
    private final SessionFactory sessionFactory;
    private final JdbcConnectionPool h2Pool;
    private final char[] h2Password;
    private final boolean syncCommits;
    private final CatalogWriter writer;
    private final int rebuildThreads;
    private volatile RebuildReport lastRebuild;

    private Catalog(EntityManagerFactory emf, JdbcConnectionPool h2Pool, char[] h2Password, CatalogConfig config) {
        this.emf = emf;
        this.h2Password = h2Password;
        this.sessionFactory = emf.unwrap(SessionFactory.class);
        this.h2Pool = h2Pool;
        this.syncCommits = config.syncCommits() && h2Pool != null;
        this.rebuildThreads = config.rebuildThreads();
        this.writer = new CatalogWriter(this);
    }

    /**
     * Opens the catalog (migrating its schema to the newest version), then rebuilds the index from it, telling
     * {@link CatalogConfig#progress()}. Blocks until the index is complete.
     */
    public static Catalog open(CatalogConfig config) {
        SQL_MESSAGE_LOGS.forEach(log -> log.setLevel(Level.OFF));
        JdbcConnectionPool pool = null;
        char[] h2Password = null;
        DataSource dataSource = config.dataSource();
        if (dataSource == null) {
            h2Password = config.secrets().h2Password();
            pool = h2Pool(config.dataDir(), h2Password, config.cacheMegabytes());
            dataSource = pool;
        }
        try {
            CatalogSchema.migrate(dataSource);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.dispose();
                Arrays.fill(h2Password, '\0');
            }
            // Flyway's own messages name migrations and checksums, never catalog values.
            throw e instanceof CatalogException ce ? ce : e instanceof org.flywaydb.core.api.FlywayException f
                    ? new CatalogException("catalog schema migration failed: " + f.getMessage())
                    : CatalogException.redacted("catalog schema migration", e);
        }
        PersistenceConfiguration pc = new PersistenceConfiguration("pacs-catalog")
                .managedClass(Patient.class)
                .managedClass(Study.class)
                .managedClass(Series.class)
                .managedClass(Instance.class)
                .managedClass(InstanceHeader.class);
        pc.property("hibernate.connection.datasource", dataSource);
        // The schema is the migrations' (CatalogSchema); Hibernate only checks that the entities fit it.
        pc.property("hibernate.hbm2ddl.auto", "validate");
        pc.property("hibernate.physical_naming_strategy",
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        pc.property("hibernate.auto_quote_keyword", "true");
        pc.property("hibernate.jdbc.batch_size", "50");
        pc.property("hibernate.order_inserts", "true");
        pc.property("hibernate.order_updates", "true");
        pc.property("hibernate.default_batch_fetch_size", "100");
        pc.property("hibernate.query.in_clause_parameter_padding", "true");
        // Driver messages quote values; the exceptions carry them to CatalogException, which drops them.
        pc.property("hibernate.jdbc.log.errors", "false");
        pc.property("hibernate.jdbc.log.warnings", "false");
        IndexSettings.properties().forEach(pc::property);
        config.properties().forEach(pc::property);
        EntityManagerFactory emf;
        try {
            emf = pc.createEntityManagerFactory();
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.dispose();
                Arrays.fill(h2Password, '\0');
            }
            throw e;
        }
        Catalog catalog = new Catalog(emf, pool, h2Password, config);
        try {
            catalog.rebuildIndex(config.progress());
        } catch (InterruptedException e) {
            catalog.close();
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while rebuilding the index");
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        return catalog;
    }

    private static JdbcConnectionPool h2Pool(Path dataDir, char[] password, int cacheMegabytes) {
        Path dir = dataDir.resolve("catalog").toAbsolutePath();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the catalog directory", e);
        }
        JdbcDataSource ds = new JdbcDataSource();
        // TRACE_LEVEL_FILE=0: H2's trace file would hold error messages quoting values, in plaintext.
        // QUERY_CACHE_SIZE: a record() runs a dozen distinct statements; H2 keeps 8 parsed by default.
        // CACHE_SIZE (KB): pages are decrypted as they enter the cache; misses dominated query time.
        // WRITE_DELAY stays at H2's default (commits reach the file within 500 ms): at 0, every commit
        // writes a chunk of its own and the file grew ~30 KB per recorded instance. syncCommits() forces
        // each write transaction to disk instead.
        ds.setURL("jdbc:h2:file:" + dir.resolve("catalog") + ";CIPHER=AES;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64"
                + ";CACHE_SIZE=" + cacheMegabytes * 1024);
        ds.setUser(H2_USER);
        // The data source keeps the array (not a copy) for every new connection; wiped at close.
        ds.setPasswordChars(password);
        JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
        pool.setMaxConnections(16);
        return pool;
    }

    /** Rebuilds the index from the catalog (done by {@link #open}; again only after a repair). */
    public RebuildReport rebuildIndex(IndexProgress progress) throws InterruptedException {
        RebuildReport report = IndexRebuilder.rebuild(emf, rebuildThreads, progress);
        lastRebuild = report;
        return report;
    }

    /** The index rebuild done at open (or the latest since). */
    public RebuildReport lastRebuild() {
        return lastRebuild;
    }

    public CatalogWriter writer() {
        return writer;
    }

    /**
     * The instances under one entity, for a retrieve: a patient (by Patient ID), a study, a series or
     * an instance (by UID). Sorted by study, series number and instance number.
     */
    public List<InstanceLocation> findInstances(QueryRetrieveLevel level, String uid) {
        return findInstances(level, List.of(uid), AccessScope.all());
    }

    /** Like {@link #findInstances(QueryRetrieveLevel, String)}, for several keys, within {@code scope}. */
    public List<InstanceLocation> findInstances(QueryRetrieveLevel level, Collection<String> keys, AccessScope scope) {
        if (keys.isEmpty()) {
            return List.of();
        }
        String where = switch (level) {
            case PATIENT -> "p.patientId in (:keys)";
            case STUDY -> "st.studyInstanceUid in (:keys)";
            case SERIES -> "se.seriesInstanceUid in (:keys)";
            case IMAGE -> "i.sopInstanceUid in (:keys)";
        };
        return read(s -> s.createSelectionQuery("""
                select st.studyInstanceUid, st.referringPhysicianName, se.seriesInstanceUid, i.sopInstanceUid,
                       i.sopClassUid, i.transferSyntaxUid, i.blob
                from Instance i join i.series se join se.study st join st.patient p
                where %s
                order by st.id, se.seriesNumber nulls last, se.id, i.instanceNumber nulls last, i.id
                """.formatted(where), Object[].class)
                .setParameter("keys", keys)
                .getResultStream()
                .filter(r -> scope.permits((String) r[0], (String) r[1]))
                .map(r -> new InstanceLocation((String) r[0], (String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (BlobLocation) r[6]))
                .toList());
    }

    public long countPatients() {
        return count("select count(*) from Patient");
    }

    public long countStudies() {
        return count("select count(*) from Study");
    }

    public long countSeries() {
        return count("select count(*) from Series");
    }

    public long countInstances() {
        return count("select count(*) from Instance");
    }

    private long count(String hql) {
        return read(s -> s.createSelectionQuery(hql, Long.class).getSingleResult());
    }

    /**
     * The Hibernate session factory, for the archive's query engine (which reads through it) and
     * tests. Writes go through {@link #writer()} only, which keeps the derived attributes right.
     */
    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /**
     * Forces every committed transaction to the disk (H2 writes commits to its file within about half a
     * second; a database server makes commits durable itself, so this does nothing there). The ingest
     * journal calls it before it forgets entries.
     */
    public void checkpoint() {
        if (h2Pool != null) {
            inTransaction("checkpoint", false, s -> {
                s.createNativeMutationQuery("CHECKPOINT SYNC").executeUpdate();
                return null;
            });
        }
    }

    /** True if an instance's blob reference names {@code blobId}. */
    public boolean referencesBlob(String blobId) {
        return read(s -> s.createSelectionQuery(
                "select count(i) from Instance i where i.blob.blobId = :id", Long.class)
                .setParameter("id", blobId).getSingleResult() > 0);
    }

    /** Runs {@code work} in a read-only transaction. */
    public <T> T read(Function<Session, T> work) {
        return inTransaction("catalog read", true, work);
    }

    <T> T write(String what, Function<Session, T> work) {
        T result = inTransaction(what, false, work);
        if (syncCommits) {
            inTransaction("checkpoint", false, s -> {
                s.createNativeMutationQuery("CHECKPOINT SYNC").executeUpdate();
                return null;
            });
        }
        return result;
    }

    private <T> T inTransaction(String what, boolean readOnly, Function<Session, T> work) {
        try (Session session = sessionFactory.openSession()) {
            session.setDefaultReadOnly(readOnly);
            var tx = session.beginTransaction();
            try {
                T result = work.apply(session);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            }
        } catch (PersistenceException e) {
            if (!readOnly && CatalogWriter.isRetryable(e)) {
                throw e; // the writer runs it again, and redacts it if it keeps failing
            }
            throw CatalogException.redacted(what, e);
        }
    }

    @Override
    public void close() {
        try {
            if (emf.isOpen()) {
                emf.close();
            }
        } finally {
            if (h2Pool != null) {
                h2Pool.dispose();
                Arrays.fill(h2Password, '\0');
            }
        }
    }

    /** Names only the backend: the catalog's contents stay out of logs. */
    @Override
    public String toString() {
        return "Catalog[" + (h2Pool != null ? "h2" : "dataSource") + "]";
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.pacs.archive.index.IndexProgress;

/**
 * How to open the catalog: embedded H2 in an encrypted file under a data directory, or any database
 * behind a {@link DataSource} (PostgreSQL with a real pool, same mapping).
 *
 * <pre>{@code
 * CatalogConfig config = CatalogConfig.h2(dataDir, secrets).rebuildThreads(2).build();
 * try (Catalog catalog = Catalog.open(config)) { ... }
 * }</pre>
 */
public final class CatalogConfig {
    private final Path dataDir;
    private final CatalogSecrets secrets;
    private final DataSource dataSource;
    private final Map<String, Object> properties;
    private final int rebuildThreads;
    private final IndexProgress progress;
    private final boolean syncCommits;
    private final int cacheMegabytes;

    private CatalogConfig(Builder b) {
        this.dataDir = b.dataDir;
        this.secrets = b.secrets;
        this.dataSource = b.dataSource;
        this.properties = Map.copyOf(b.properties);
        this.rebuildThreads = b.rebuildThreads;
        this.progress = b.progress;
        this.syncCommits = b.syncCommits;
        this.cacheMegabytes = b.cacheMegabytes;
    }

    /** Embedded H2 in {@code <dataDir>/catalog/catalog.mv.db}, encrypted with {@code CIPHER=AES}. */
    public static Builder h2(Path dataDir, CatalogSecrets secrets) {
        Builder b = new Builder();
        b.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        b.secrets = Objects.requireNonNull(secrets, "secrets");
        return b;
    }

    /** A database reached through {@code dataSource}, which the caller pools and closes. */
    public static Builder dataSource(DataSource dataSource) {
        Builder b = new Builder();
        b.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        return b;
    }

    /** The H2 data directory, or null when a data source is used. */
    public Path dataDir() {
        return dataDir;
    }

    CatalogSecrets secrets() {
        return secrets;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Extra Hibernate properties, applied last. */
    public Map<String, Object> properties() {
        return properties;
    }

    public int rebuildThreads() {
        return rebuildThreads;
    }

    public IndexProgress progress() {
        return progress;
    }

    /** H2 only: force each write transaction to the disk (CHECKPOINT SYNC), surviving power loss. */
    public boolean syncCommits() {
        return syncCommits;
    }

    /**
     * H2 only: the page cache. Pages are decrypted when read into it, so a catalog larger than the cache
     * pays AES on every miss; the default suits about 100,000 studies.
     */
    public int cacheMegabytes() {
        return cacheMegabytes;
    }

    public static final class Builder {
        private Path dataDir;
        private CatalogSecrets secrets;
        private DataSource dataSource;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private int rebuildThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private IndexProgress progress = IndexProgress.none();
        private boolean syncCommits;
        private int cacheMegabytes = 256;

        private Builder() {
        }

        public Builder property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Builder rebuildThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("rebuildThreads must be at least 1");
            }
            this.rebuildThreads = threads;
            return this;
        }

        public Builder progress(IndexProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Builder syncCommits(boolean sync) {
            this.syncCommits = sync;
            return this;
        }

        public Builder cacheMegabytes(int megabytes) {
            if (megabytes < 1) {
                throw new IllegalArgumentException("cacheMegabytes must be at least 1");
            }
            this.cacheMegabytes = megabytes;
            return this;
        }

        public CatalogConfig build() {
            return new CatalogConfig(this);
        }
    }
}

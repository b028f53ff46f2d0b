// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.massindexing.MassIndexer;
import org.hibernate.search.mapper.pojo.massindexing.MassIndexingMonitor;

/**
 * Rebuilds the in-memory index from the catalog with Hibernate Search's mass indexer: at each start,
 * since a {@code local-heap} index does not survive the process. Blocks until done.
 */
public final class IndexRebuilder {
    private IndexRebuilder() {
    }

    /**
     * @param threads threads loading entities (the machine's cores is a good start)
     * @param progress told of progress from the indexing threads
     */
    public static RebuildReport rebuild(EntityManagerFactory emf, int threads, IndexProgress progress)
            throws InterruptedException {
        long start = System.nanoTime();
        Monitor monitor = new Monitor(progress);
        MassIndexer indexer = Search.mapping(emf).scope(Object.class).massIndexer()
                .threadsToLoadObjects(Math.max(1, threads))
                .batchSizeToLoadObjects(250)
                .purgeAllOnStart(true)
                .mergeSegmentsOnFinish(true)
                .monitor(monitor);
        indexer.startAndWait();
        return new RebuildReport(monitor.added.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static final class Monitor implements MassIndexingMonitor {
        private final IndexProgress progress;
        private final AtomicLong added = new AtomicLong();
        private final AtomicLong total = new AtomicLong(-1);

        Monitor(IndexProgress progress) {
            this.progress = progress;
        }

        @Override
        public void addToTotalCount(long count) {
            total.accumulateAndGet(count, (t, c) -> t < 0 ? c : t + c);
            progress.update(added.get(), total.get());
        }

        @Override
        public void documentsAdded(long increment) {
            progress.update(added.addAndGet(increment), total.get());
        }

        @Override
        public void documentsBuilt(long increment) {
        }

        @Override
        public void entitiesLoaded(long increment) {
        }

        @Override
        public void indexingCompleted() {
            progress.update(added.get(), Math.max(total.get(), added.get()));
        }
    }
}

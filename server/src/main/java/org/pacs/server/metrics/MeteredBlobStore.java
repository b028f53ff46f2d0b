// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pacs.storage.blob.BlobId;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.BlobStoreException;
import org.pacs.storage.blob.RewrapListener;
import org.pacs.storage.blob.RewrapReport;
import org.pacs.storage.crypto.KekVersion;

/**
 * The ingest path's view of the blob store, noting when each object began to arrive (the first
 * {@link #put} read) and how many bytes it had, so the ingest listener, told later and perhaps on
 * another thread, can time it. Keyed by blob identity (the SOP Instance UID), held in memory only
 * and never written anywhere; everything else passes straight through.
 */
public final class MeteredBlobStore implements BlobStore {
    /** Above this many unclaimed entries, those older than {@link #STALE_NANOS} are dropped. */
    private static final int SWEEP_ABOVE = 1024;
    private static final long STALE_NANOS = 10L * 60 * 1_000_000_000;

    /** When an object began to arrive, and its size once stored (-1 before). */
    public record Put(long startNanos, long size) {
    }

    private final BlobStore inner;
    private final Map<String, Put> puts = new ConcurrentHashMap<>();

    public MeteredBlobStore(BlobStore inner) {
        this.inner = inner;
    }

    @Override
    public BlobRef put(InputStream content, BlobIdentity identity) throws IOException {
        long start = System.nanoTime();
        if (puts.size() > SWEEP_ABOVE) {
            puts.values().removeIf(p -> start - p.startNanos() > STALE_NANOS);
        }
        puts.put(identity.value(), new Put(start, -1));
        try {
            BlobRef ref = inner.put(content, identity);
            puts.put(identity.value(), new Put(start, ref.size()));
            return ref;
        } catch (BlobStoreException e) {
            // The pipeline answers these with a failure outcome, so its listener claims the entry.
            throw e;
        } catch (IOException | RuntimeException e) {
            // The sender went away: the pipeline throws and no listener is told.
            puts.remove(identity.value());
            throw e;
        }
    }

    /** The put of {@code identity} (a SOP Instance UID) and forgets it; null if none is known. */
    public Put claim(String identity) {
        return puts.remove(identity);
    }

    @Override
    public InputStream open(BlobRef ref) throws IOException {
        return inner.open(ref);
    }

    @Override
    public SeekableByteChannel openChannel(BlobRef ref) throws IOException {
        return inner.openChannel(ref);
    }

    @Override
    public boolean exists(BlobId id) throws IOException {
        return inner.exists(id);
    }

    @Override
    public boolean delete(BlobId id) throws IOException {
        return inner.delete(id);
    }

    @Override
    public void verify(BlobRef ref) throws IOException {
        inner.verify(ref);
    }

    @Override
    public RewrapReport rewrapAll(RewrapListener listener) throws IOException {
        return inner.rewrapAll(listener);
    }

    @Override
    public void retireKek(KekVersion version, RewrapListener listener) throws IOException {
        inner.retireKek(version, listener);
    }

    /** The store itself belongs to the archive, which closes it; this view holds nothing. */
    @Override
    public void close() {
    }
}

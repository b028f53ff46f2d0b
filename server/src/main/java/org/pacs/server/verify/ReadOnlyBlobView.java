// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.verify;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.KeyRing;

/**
 * The archive's blob store seen through a scratch directory whose shard directories are symbolic links
 * to the real ones, opened as a store of its own. The file-system backend takes an exclusive lock and
 * keeps an open marker in its root, which the running archive holds; this view takes them in the
 * scratch directory instead, so blobs can be read while the archive runs. Only reads go through it:
 * {@link #store()} is handed to code that never puts, re-wraps or deletes.
 */
public final class ReadOnlyBlobView implements AutoCloseable {
    private final Path scratch;
    private final FileSystemBackend backend;
    private final BlobStore store;

    private ReadOnlyBlobView(Path scratch, FileSystemBackend backend, KeyRing keys) {
        this.scratch = scratch;
        this.backend = backend;
        this.store = EncryptedBlobStore.open(backend, keys);
    }

    /** Links each shard of {@code blobs} into {@code scratch} (created, and emptied on close) and opens it. */
    public static ReadOnlyBlobView open(Path blobs, Path scratch, KeyRing keys) throws IOException {
        Files.createDirectories(scratch);
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(blobs,
                p -> p.getFileName().toString().matches("[0-9a-f]{2}") && Files.isDirectory(p))) {
            for (Path shard : shards) {
                Files.createSymbolicLink(scratch.resolve(shard.getFileName()), shard.toAbsolutePath());
            }
        }
        try {
            return new ReadOnlyBlobView(scratch, FileSystemBackend.open(scratch), keys);
        } catch (IOException | RuntimeException e) {
            Scratch.delete(scratch);
            throw e;
        }
    }

    /** The store for reading; the key ring stays the caller's. */
    public BlobStore store() {
        return store;
    }

    /** The ids of every blob the store holds now. */
    public Set<String> blobIds() throws IOException {
        Set<String> ids = new HashSet<>();
        backend.forEach(id -> ids.add(id.value()));
        return ids;
    }

    /** Closes the view and removes the scratch directory's links (never what they point to). */
    @Override
    public void close() throws IOException {
        try {
            store.close(); // closes the backend: its lock and marker in the scratch directory
        } finally {
            Scratch.delete(scratch);
        }
    }
}

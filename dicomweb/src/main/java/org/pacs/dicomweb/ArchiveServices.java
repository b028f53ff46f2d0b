// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.util.Objects;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.storage.blob.BlobStore;

/**
 * The archive's parts DICOMweb works through: its one query engine (QIDO-RS), its one retrieve path
 * and blob store (WADO), its one ingest path (STOW-RS). No second path to the data exists here.
 *
 * @param queryOptions the matching options of the archive (case-insensitive names when configured)
 */
public record ArchiveServices(Catalog catalog, BlobStore blobs, QueryEngine engine, Retriever retriever,
        IngestPipeline ingest, QueryOptions queryOptions) {
    public ArchiveServices {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(retriever, "retriever");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(queryOptions, "queryOptions");
    }
}

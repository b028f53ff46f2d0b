// SPDX-License-Identifier: Apache-2.0
/**
 * The archive's operational metrics in the Prometheus text exposition format 0.0.4: ingest, DICOM
 * associations and requests, HTTP responses, storage and the catalog's size, served at {@code /metrics}
 * to a scrape token or an admin. Labels come from fixed vocabularies only: never a UID, a name or an
 * AE title.
 */
package org.pacs.server.metrics;

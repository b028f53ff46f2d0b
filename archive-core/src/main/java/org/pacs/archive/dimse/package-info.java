// SPDX-License-Identifier: Apache-2.0
/**
 * The archive's DICOM services: {@link org.pacs.archive.dimse.ArchiveFindScp},
 * {@link org.pacs.archive.dimse.ArchiveMoveScp}, {@link org.pacs.archive.dimse.ArchiveGetScp} and
 * {@link org.pacs.archive.dimse.StorageCommitmentScp}, each asking {@link org.pacs.archive.dimse.PeerAccess}
 * before it acts and telling {@link org.pacs.archive.dimse.AuditHook} what it did or refused.
 */
package org.pacs.archive.dimse;

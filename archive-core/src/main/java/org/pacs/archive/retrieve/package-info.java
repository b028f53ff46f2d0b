// SPDX-License-Identifier: Apache-2.0
/**
 * The one retrieve path (C-MOVE, C-GET, later WADO): {@link org.pacs.archive.retrieve.RetrieveKeys} reads
 * the identifier, {@link org.pacs.archive.retrieve.Retriever} resolves it through the catalog inside the
 * caller's scope and sends each instance as a C-STORE sub-operation, choosing the presentation context
 * with {@link org.pacs.archive.retrieve.StoreContexts}.
 */
package org.pacs.archive.retrieve;

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.access;

import java.io.IOException;
import java.util.Set;

/**
 * The Study Instance UIDs shared with a user right now, e.g. {@code ShareStore::sharedWith}
 * ({@code org.pacs.auth.identity}). Read on every request, so a revoked share stops counting at once.
 */
@FunctionalInterface
public interface SharedStudies {
    SharedStudies NONE = user -> Set.of();

    Set<String> sharedWith(String user) throws IOException;
}

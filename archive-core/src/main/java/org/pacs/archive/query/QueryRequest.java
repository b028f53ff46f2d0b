// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.Objects;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;

/**
 * One query: the level and information model, the identifier (keys with the values to match; zero
 * length for return keys only), the caller's access scope, matching options, and a page.
 *
 * @param offset matches to skip
 * @param limit most matches to return; 0 for all
 */
public record QueryRequest(QueryRetrieveLevel level, InformationModel model, Attributes identifier,
        AccessScope scope, QueryOptions options, int offset, int limit) {

    public QueryRequest {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(options, "options");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit cannot be negative");
        }
    }

    /** All matches, default options. */
    public static QueryRequest of(QueryRetrieveLevel level, InformationModel model, Attributes identifier,
            AccessScope scope) {
        return new QueryRequest(level, model, identifier, scope, QueryOptions.DEFAULT, 0, 0);
    }

    public QueryRequest withOptions(QueryOptions options) {
        return new QueryRequest(level, model, identifier, scope, options, offset, limit);
    }

    public QueryRequest withPage(int offset, int limit) {
        return new QueryRequest(level, model, identifier, scope, options, offset, limit);
    }
}

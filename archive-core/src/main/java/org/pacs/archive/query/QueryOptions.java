// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

/**
 * Matching options, most negotiated by C-FIND extended negotiation (PS3.4 §C.5.1.1.1):
 *
 * @param relational relational queries: higher levels' unique keys need not be given (§C.4.1.2.2)
 * @param combinedDateTime combined date and time range matching (§C.2.2.2.5)
 * @param caseInsensitivePersonNames match Person Names regardless of case and accents (§C.2.2.2.1)
 * @param fuzzyPersonNames fuzzy semantic matching of person names (§C.2.2.2.1): words within a small
 *     edit distance, in any order; implies case insensitivity
 */
public record QueryOptions(boolean relational, boolean combinedDateTime, boolean caseInsensitivePersonNames,
        boolean fuzzyPersonNames) {

    /** Hierarchical, separate date and time matching, case-sensitive person names. */
    public static final QueryOptions DEFAULT = new QueryOptions(false, false, false, false);

    public QueryOptions withRelational(boolean on) {
        return new QueryOptions(on, combinedDateTime, caseInsensitivePersonNames, fuzzyPersonNames);
    }

    public QueryOptions withCombinedDateTime(boolean on) {
        return new QueryOptions(relational, on, caseInsensitivePersonNames, fuzzyPersonNames);
    }

    public QueryOptions withCaseInsensitivePersonNames(boolean on) {
        return new QueryOptions(relational, combinedDateTime, on, fuzzyPersonNames);
    }

    public QueryOptions withFuzzyPersonNames(boolean on) {
        return new QueryOptions(relational, combinedDateTime, caseInsensitivePersonNames, on);
    }
}

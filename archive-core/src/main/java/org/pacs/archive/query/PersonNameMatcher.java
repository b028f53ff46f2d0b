// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.List;
import org.pacs.archive.index.PersonNameKeys;
import org.pacs.dicom.data.Attributes;

/**
 * Matching of Person Names (PS3.4 §C.2.2.2.1, §C.2.2.2.4), as this archive's conformance statement
 * gives it: the key matches the whole name or any one component group (PS3.5 §6.2.1), compared after
 * removing padding and trailing empty components ({@link PersonNameKeys}); "*" and "?" are wild cards
 * over the whole value, delimiters included. Case-sensitive unless {@code folded}, which ignores case
 * and accents. With {@code fuzzy} (PS3.4 §C.2.2.2.1 fuzzy semantic matching), every word of the key
 * must be within a small edit distance of some word of the name, in any order.
 *
 * @param patterns cleaned key values, folded when {@code folded}
 * @param fuzzyWords the key's folded words when {@code fuzzy}, else empty
 */
record PersonNameMatcher(int tag, List<String> patterns, boolean folded, List<String> fuzzyWords)
        implements KeyMatcher {

    boolean fuzzy() {
        return !fuzzyWords.isEmpty();
    }

    @Override
    public boolean matches(Attributes entity) {
        String[] values = entity.getStrings(tag);
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (fuzzy() ? fuzzyMatches(v) : keyMatches(v)) {
                return true;
            }
        }
        return false;
    }

    private boolean keyMatches(String value) {
        for (String key : folded ? PersonNameKeys.foldedKeys(value) : PersonNameKeys.exactKeys(value)) {
            for (String p : patterns) {
                if (Glob.hasWildcard(p) ? Glob.matches(p, key) : p.equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean fuzzyMatches(String value) {
        List<String> words = PersonNameKeys.words(value);
        for (String q : fuzzyWords) {
            if (words.stream().noneMatch(w -> distance(q, w) <= maxEdits(q))) {
                return false;
            }
        }
        return true;
    }

    /** Edits allowed for a word of the key: none up to 2 letters, 1 up to 5, then 2 (as the index does). */
    static int maxEdits(String word) {
        int n = word.codePointCount(0, word.length());
        return n <= 2 ? 0 : n <= 5 ? 1 : 2;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
    static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length][y.length];
    }
}

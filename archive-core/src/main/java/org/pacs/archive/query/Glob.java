// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

/**
 * Wild Card Matching (PS3.4 §C.2.2.2.4): "*" matches any sequence of characters, including none, and
 * "?" any single character. Characters are code points, so "?" matches one ideograph.
 */
final class Glob {
    private Glob() {
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** True if {@code pattern} consists of "*" only: Universal Matching (note to §C.2.2.2.4). */
    static boolean isUniversal(String pattern) {
        return !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
    }

    static boolean matches(String pattern, String value) {
        int[] p = pattern.codePoints().toArray();
        int[] v = value.codePoints().toArray();
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length) {
            if (pi < p.length && (p[pi] == '?' || p[pi] == v[vi])) {
                pi++;
                vi++;
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }
}

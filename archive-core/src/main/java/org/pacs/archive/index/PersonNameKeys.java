// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms of a Person Name (PS3.5 §6.2.1) that matching compares, shared by the index and the
 * in-memory matcher so both answer alike. A name matches through its whole value or any one of its
 * component groups (alphabetic, ideographic, phonetic), each cleaned of padding around components and
 * of trailing empty components and groups, which PS3.5 §6.2.1.1 makes insignificant.
 */
public final class PersonNameKeys {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\^=\\s,.]+");

    private PersonNameKeys() {
    }

    /**
     * "Doe ^ John^^^" becomes "Doe^John"; "Yamada^Tarou=山田^太郎=" becomes "Yamada^Tarou=山田^太郎".
     * Wildcard characters are kept, so a query value is cleaned the same way as a stored one.
     */
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        String[] groups = value.split("=", -1);
        StringBuilder sb = new StringBuilder(value.length());
        int keep = groups.length;
        while (keep > 0 && cleanGroup(groups[keep - 1]).isEmpty()) {
            keep--;
        }
        for (int g = 0; g < keep; g++) {
            if (g > 0) {
                sb.append('=');
            }
            sb.append(cleanGroup(groups[g]));
        }
        return sb.toString();
    }

    private static String cleanGroup(String group) {
        String[] components = group.split("\\^", -1);
        int keep = components.length;
        while (keep > 0 && components[keep - 1].strip().isEmpty()) {
            keep--;
        }
        StringBuilder sb = new StringBuilder(group.length());
        for (int c = 0; c < keep; c++) {
            if (c > 0) {
                sb.append('^');
            }
            sb.append(components[c].strip());
        }
        return sb.toString();
    }

    /** The whole cleaned value and each non-empty cleaned component group, without repeats. */
    public static List<String> exactKeys(String value) {
        String whole = clean(value);
        if (whole.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        keys.add(whole);
        for (String group : whole.split("=", -1)) {
            if (!group.isEmpty()) {
                keys.add(group);
            }
        }
        return List.copyOf(keys);
    }

    /** {@link #exactKeys} folded by {@link #fold}: for matching insensitive to case and accents. */
    public static List<String> foldedKeys(String value) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : exactKeys(value)) {
            keys.add(fold(key));
        }
        return List.copyOf(keys);
    }

    /** Upper case (root locale) without accents: "Müller^Zoë" becomes "MULLER^ZOE". */
    public static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        return Normalizer.normalize(bare.toUpperCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    /** The folded words of a name (components split at spaces too), for fuzzy matching. */
    public static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        for (String w : WORD_SEPARATORS.split(fold(clean(value)))) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}

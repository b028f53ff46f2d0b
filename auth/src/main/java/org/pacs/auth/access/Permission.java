// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a registered AE may ask of the archive; anything not granted is denied. */
public enum Permission {
    /** C-STORE to the archive (Storage Service Class, PS3.4 Annex B). */
    STORE,
    /** C-FIND (Query/Retrieve, PS3.4 Annex C). */
    QUERY,
    /** C-MOVE and C-GET (Query/Retrieve, PS3.4 Annex C). */
    RETRIEVE;

    /** {@code store}, {@code query} or {@code retrieve}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code "store,query"} → {STORE, QUERY}; refuses unknown words and an empty list. */
    public static Set<Permission> parse(String commaSeparated) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (String part : commaSeparated.split(",")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown permission '" + part.strip()
                        + "': use store, query and/or retrieve");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no permission given: use store, query and/or retrieve");
        }
        return out;
    }
}

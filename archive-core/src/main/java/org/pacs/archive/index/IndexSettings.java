// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hibernate Search settings of the study index: the Lucene backend with its index held in memory
 * ({@code local-heap}), because Lucene's files would hold names and IDs in plaintext and H2's cipher
 * does not cover them. The index is rebuilt from the catalog at each start ({@link IndexRebuilder}).
 */
public final class IndexSettings {
    /** The Lucene version the index is written for (Hibernate Search 8.3 ships Lucene 9.12). */
    public static final String LUCENE_VERSION = "9.12";

    private IndexSettings() {
    }

    /** Properties to merge into the persistence unit's. */
    public static Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hibernate.search.backend.type", "lucene");
        p.put("hibernate.search.backend.directory.type", "local-heap");
        p.put("hibernate.search.backend.lucene_version", LUCENE_VERSION);
        p.put("hibernate.search.backend.analysis.configurer", "class:" + IndexAnalysis.class.getName());
        // A commit returns once searches see the change. Not write-sync: an index held in memory gains
        // nothing from a Lucene commit per transaction, which cost ~8 ms each.
        p.put("hibernate.search.indexing.plan.synchronization.strategy", "read-sync");
        p.put("hibernate.search.schema_management.strategy", "drop-and-create");
        return p;
    }
}

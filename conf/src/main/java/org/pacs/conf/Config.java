// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective, validated configuration: a typed value for every {@link Settings} key and where
 * it came from. Built only by {@link ConfigLoader}, so holding one means every value passed validation.
 */
public final class Config {
    /** Where a value came from, in increasing precedence. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT }

    private final Path dataDir;
    private final Map<Setting, Object> values;
    private final Map<Setting, Source> sources;

    Config(Path dataDir, Map<Setting, Object> values, Map<Setting, Source> sources) {
        this.dataDir = dataDir;
        this.values = new LinkedHashMap<>(values);
        this.sources = new LinkedHashMap<>(sources);
    }

    public Path dataDir() {
        return dataDir;
    }

    public String string(Setting s) {
        return (String) values.get(s);
    }

    public int integer(Setting s) {
        return ((Long) values.get(s)).intValue();
    }

    public boolean bool(Setting s) {
        return (Boolean) values.get(s);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(Setting s) {
        return (List<String>) values.get(s);
    }

    /** A path setting, or null when unset. */
    public Path path(Setting s) {
        String v = (String) values.get(s);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }

    public Source source(Setting s) {
        return sources.get(s);
    }

    /** The raw typed value. */
    public Object value(Setting s) {
        return values.get(s);
    }
}

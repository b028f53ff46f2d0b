// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The plaintext form of the identity stores: YAML of plain maps, lists, strings and numbers, read
 * with the safe constructor only (no typed tags, no aliases, no duplicate keys), and typed getters
 * that name the field that is wrong.
 */
final class YamlMaps {
    private YamlMaps() {
    }

    static byte[] dump(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDereferenceAliases(true);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
                .dump(root).getBytes(StandardCharsets.UTF_8);
    }

    /** The root mapping, after checking its {@code format} is {@code format}. */
    static Map<?, ?> load(byte[] bytes, int format) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> root = map(doc, "document");
        int found = number(root, "format").intValue();
        if (found != format) {
            throw new IllegalArgumentException("format " + found + " is not known to this version");
        }
        return root;
    }

    static Map<?, ?> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " is not a mapping");
        }
        return m;
    }

    static List<Map<?, ?>> maps(Map<?, ?> m, String key) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : list(m, key)) {
            out.add(map(o, key + " entry"));
        }
        return out;
    }

    static List<?> list(Map<?, ?> m, String key) {
        return typed(m, key, List.class);
    }

    static List<String> strings(Map<?, ?> m, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, key)) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("field '" + key + "' holds a value that is not text");
            }
            out.add(s);
        }
        return out;
    }

    static String string(Map<?, ?> m, String key) {
        return typed(m, key, String.class);
    }

    /** A string or null. */
    static String optionalString(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("field '" + key + "' is not text");
        }
        return (String) v;
    }

    static Number number(Map<?, ?> m, String key) {
        return typed(m, key, Number.class);
    }

    static boolean bool(Map<?, ?> m, String key) {
        return typed(m, key, Boolean.class);
    }

    /** Epoch milliseconds, or null. */
    static Instant optionalInstant(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + key + "' is not a time");
        }
        return Instant.ofEpochMilli(n.longValue());
    }

    static Instant instant(Map<?, ?> m, String key) {
        return Instant.ofEpochMilli(number(m, key).longValue());
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static <V> V typed(Map<?, ?> m, String key, Class<V> type) {
        Object v = m.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("field '" + key + "' is missing or not a " + type.getSimpleName());
        }
        return type.cast(v);
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its dotted name, type, secure default, whether it is a secret (masked when
 * shown), and what it means. Every key can be set in {@code pacs.yaml} or overridden by the
 * environment variable {@link #envName()} (or {@code <envName>_FILE}, naming a file such as a Docker
 * secret that holds the value).
 */
public record Setting(String key, Type type, Object defaultValue, boolean secret, String description,
        List<String> choices, long min, long max) {

    /** The value types a setting can have. */
    public enum Type { STRING, INT, BOOLEAN, LIST, ENUM, PATH, AE_TITLE }

    static Setting string(String key, String def, String description) {
        return new Setting(key, Type.STRING, def, false, description, List.of(), 0, 0);
    }

    static Setting secret(String key, String description) {
        return new Setting(key, Type.STRING, "", true, description, List.of(), 0, 0);
    }

    static Setting path(String key, String description) {
        return new Setting(key, Type.PATH, "", false, description, List.of(), 0, 0);
    }

    static Setting integer(String key, long def, long min, long max, String description) {
        return new Setting(key, Type.INT, def, false, description, List.of(), min, max);
    }

    static Setting bool(String key, boolean def, String description) {
        return new Setting(key, Type.BOOLEAN, def, false, description, List.of(), 0, 0);
    }

    static Setting list(String key, List<String> def, String description) {
        return new Setting(key, Type.LIST, def, false, description, List.of(), 0, 0);
    }

    static Setting choice(String key, String def, List<String> choices, String description) {
        return new Setting(key, Type.ENUM, def, false, description, choices, 0, 0);
    }

    static Setting aeTitle(String key, String def, String description) {
        return new Setting(key, Type.AE_TITLE, def, false, description, List.of(), 0, 0);
    }

    /** {@code server.dicomTlsPort} → {@code PACS_SERVER_DICOM_TLS_PORT}. */
    public String envName() {
        StringBuilder sb = new StringBuilder("PACS_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}

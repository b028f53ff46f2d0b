// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@code <dataDir>/pacs.yaml} (optional), overlays the environment ({@code PACS_...} variables,
 * or {@code PACS_..._FILE} naming a file such as a Docker secret), and validates every value. Any
 * mistake is a {@link ConfigException} naming the key, the value and the fix.
 *
 * <pre>{@code
 * Config c = ConfigLoader.load(Path.of("pacs-data"), System.getenv());
 * int port = c.integer(Settings.DICOM_TLS_PORT);
 * }</pre>
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "pacs.yaml";

    private ConfigLoader() {
    }

    public static Config load(Path dataDir, Map<String, String> env) {
        Path file = dataDir.resolve(FILE_NAME);
        Map<String, Object> fromFile = Files.exists(file) ? readYaml(file) : Map.of();
        for (String key : fromFile.keySet()) {
            if (!Settings.all().containsKey(key)) {
                throw new ConfigException(key, "unknown key in " + file, suggestion(key));
            }
        }
        Map<Setting, Object> values = new LinkedHashMap<>();
        Map<Setting, Config.Source> sources = new LinkedHashMap<>();
        for (Setting s : Settings.all().values()) {
            Object raw = s.defaultValue();
            Config.Source source = Config.Source.DEFAULT;
            if (fromFile.containsKey(s.key())) {
                raw = fromFile.get(s.key());
                source = Config.Source.FILE;
            }
            String envValue = env.get(s.envName());
            String envFile = env.get(s.envName() + "_FILE");
            if (envValue != null) {
                raw = envValue;
                source = Config.Source.ENVIRONMENT;
            } else if (envFile != null) {
                raw = readSecretFile(s, envFile);
                source = Config.Source.ENVIRONMENT;
            }
            values.put(s, convert(s, raw, source == Config.Source.ENVIRONMENT));
            sources.put(s, source);
        }
        Config config = new Config(dataDir, values, sources);
        crossCheck(config);
        return config;
    }

    private static Map<String, Object> readYaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1 << 20);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = yaml.load(r);
            Map<String, Object> flat = new LinkedHashMap<>();
            if (doc == null) {
                return flat;
            }
            if (!(doc instanceof Map<?, ?> m)) {
                throw new ConfigException(file.toString(), "the file is not a mapping of keys to values",
                        "write it as 'section:' lines with indented 'key: value' lines (see docs/configuration.md)");
            }
            flatten("", m, flat);
            return flat;
        } catch (YAMLException e) {
            throw new ConfigException(file.toString(), "not valid YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", "correct the syntax, or remove the file to use the defaults");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read (" + e.getMessage() + ")",
                    "check the file's permissions");
        }
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> sub && !Settings.all().containsKey(key)) {
                flatten(key + ".", sub, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    private static String readSecretFile(Setting s, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(s.key(), s.envName() + "_FILE names " + path + ", which cannot be read",
                    "point it at a readable file (e.g. a Docker secret under /run/secrets)");
        }
    }

    private static Object convert(Setting s, Object raw, boolean fromEnv) {
        String shown = s.secret() ? "(secret)" : "\"" + raw + "\"";
        String where = "in " + FILE_NAME + " or " + s.envName();
        switch (s.type()) {
            case INT -> {
                long v;
                if (raw instanceof Number n && !(raw instanceof Double)) {
                    v = n.longValue();
                } else {
                    try {
                        v = Long.parseLong(String.valueOf(raw).strip());
                    } catch (NumberFormatException e) {
                        throw new ConfigException(s.key(), shown + " is not a whole number",
                                "a number from " + s.min() + " to " + s.max() + " " + where);
                    }
                }
                if (v < s.min() || v > s.max()) {
                    throw new ConfigException(s.key(), shown + " is out of range",
                            "a number from " + s.min() + " to " + s.max() + " " + where);
                }
                return v;
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                String v = String.valueOf(raw).strip().toLowerCase(Locale.ROOT);
                if (v.equals("true") || v.equals("false")) {
                    return Boolean.valueOf(v);
                }
                throw new ConfigException(s.key(), shown + " is not true or false", "true or false " + where);
            }
            case LIST -> {
                List<String> out = new ArrayList<>();
                if (raw instanceof List<?> l) {
                    for (Object o : l) {
                        out.add(String.valueOf(o).strip());
                    }
                } else if (raw != null && !String.valueOf(raw).isBlank()) {
                    for (String part : String.valueOf(raw).split(",")) {
                        out.add(part.strip());
                    }
                }
                if (s == Settings.TLS_PROTOCOLS) {
                    if (out.isEmpty() || !List.of("TLSv1.3", "TLSv1.2").containsAll(out)) {
                        throw new ConfigException(s.key(), shown + " names a TLS version other than TLSv1.3 and TLSv1.2",
                                "TLSv1.3 and/or TLSv1.2 (older versions are deprecated by BCP 195, RFC 8996) " + where);
                    }
                }
                return List.copyOf(out);
            }
            case ENUM -> {
                String v = String.valueOf(raw).strip();
                if (!s.choices().contains(v)) {
                    throw new ConfigException(s.key(), shown + " is not one of " + s.choices(),
                            "one of " + String.join(", ", s.choices()) + " " + where);
                }
                return v;
            }
            case AE_TITLE -> {
                String v = String.valueOf(raw);
                if (!isValidAeTitle(v)) {
                    throw new ConfigException(s.key(), shown + " is not a valid AE title",
                            "1 to 16 characters of the default repertoire, no backslash or control characters, "
                                    + "not only spaces (PS3.5 §6.2, VR AE) " + where);
                }
                return v.strip();
            }
            default -> {
                return raw == null ? "" : String.valueOf(raw);
            }
        }
    }

    /** AE VR rules (PS3.5 Table 6.2-1): at most 16 characters, no backslash or control characters. */
    public static boolean isValidAeTitle(String v) {
        if (v == null || v.isBlank() || v.length() > 16) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void crossCheck(Config c) {
        if (c.bool(Settings.LEGACY_ENABLED) && c.integer(Settings.LEGACY_PORT) == c.integer(Settings.DICOM_TLS_PORT)) {
            throw new ConfigException(Settings.LEGACY_PORT.key(), "is the same port as server.dicomTlsPort",
                    "choose a different port for the plaintext legacy listener");
        }
        if (c.integer(Settings.HTTPS_PORT) == c.integer(Settings.DICOM_TLS_PORT)) {
            throw new ConfigException(Settings.HTTPS_PORT.key(), "is the same port as server.dicomTlsPort",
                    "choose a different port for HTTPS");
        }
        if (c.bool(Settings.SYSLOG_ENABLED) && c.string(Settings.SYSLOG_HOST).isBlank()) {
            throw new ConfigException(Settings.SYSLOG_HOST.key(), "is empty while audit.syslog.enabled is true",
                    "set the collector's host name, or set audit.syslog.enabled to false");
        }
        Path kekFile = c.path(Settings.KEK_SECRET_FILE);
        if (kekFile != null && kekFile.toAbsolutePath().normalize().startsWith(c.dataDir().toAbsolutePath().normalize())) {
            throw new ConfigException(Settings.KEK_SECRET_FILE.key(),
                    "points inside the data directory, beside the data it protects",
                    "keep the secret outside the data directory (e.g. a Docker secret under /run/secrets)");
        }
    }

    private static String suggestion(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String known : Settings.all().keySet()) {
            if (known.toLowerCase(Locale.ROOT).equals(lower)) {
                return "did you mean '" + known + "'? Keys are case-sensitive";
            }
        }
        return "remove it; the known keys are listed by './pacs config show'";
    }
}

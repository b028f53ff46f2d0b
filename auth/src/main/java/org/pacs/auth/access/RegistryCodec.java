// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The registry's plaintext form before sealing: YAML of plain maps, lists, strings and numbers
 * (no typed tags, safe constructor only). Format 1:
 *
 * <pre>
 * format: 1
 * version: 3
 * aes:
 * - aeTitle: CT_ROOM1
 *   host: ct1.local
 *   port: 104
 *   permissions: [store]
 *   moveDestinations: []
 *   legacy: false
 *   legacyAddress: null
 *   registered: 1795600000000        # epoch milliseconds
 *   certificate: {sha256: ..., serial: ..., subject: ..., issuer: ..., notAfter: ..., der: ...}
 *   revoked: null                    # or the revocation
 * revocations:
 * - {aeTitle: ..., sha256: ..., serial: ..., at: ..., reason: ...}
 * </pre>
 */
final class RegistryCodec {

    static final int FORMAT = 1;

    private RegistryCodec() {
    }

    static byte[] encode(RegistrySnapshot s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", s.version());
        List<Object> aes = new ArrayList<>();
        for (RegisteredAe ae : s.aes().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aeTitle", ae.aeTitle());
            m.put("host", ae.host());
            m.put("port", ae.port());
            m.put("permissions", ae.permissions().stream().sorted().map(Permission::option).toList());
            m.put("moveDestinations", ae.moveDestinations());
            m.put("legacy", ae.legacy());
            m.put("legacyAddress", ae.legacyAddress());
            m.put("registered", ae.registered().toEpochMilli());
            m.put("certificate", ae.certificate() == null ? null : encode(ae.certificate()));
            m.put("revoked", ae.revoked() == null ? null : encode(ae.revoked()));
            aes.add(m);
        }
        root.put("aes", aes);
        root.put("revocations", s.revocations().stream().map(RegistryCodec::encode).toList());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        // Shared values (two empty lists) must be written out, not as anchors the loader refuses.
        options.setDereferenceAliases(true);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
                .dump(root).getBytes(StandardCharsets.UTF_8);
    }

    static RegistrySnapshot decode(byte[] bytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> root = map(doc, "registry");
        int format = ((Number) field(root, "format", Number.class)).intValue();
        if (format != FORMAT) {
            throw new IllegalArgumentException("registry format " + format + " is not known to this version");
        }
        long version = ((Number) field(root, "version", Number.class)).longValue();
        Map<String, RegisteredAe> aes = new LinkedHashMap<>();
        for (Object o : (List<?>) field(root, "aes", List.class)) {
            Map<?, ?> m = map(o, "aes entry");
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (Object p : (List<?>) field(m, "permissions", List.class)) {
                permissions.add(Permission.valueOf(String.valueOf(p).toUpperCase(java.util.Locale.ROOT)));
            }
            List<String> moveTo = new ArrayList<>();
            for (Object d : (List<?>) field(m, "moveDestinations", List.class)) {
                moveTo.add(String.valueOf(d));
            }
            Object cert = m.get("certificate");
            Object revoked = m.get("revoked");
            RegisteredAe ae = new RegisteredAe((String) field(m, "aeTitle", String.class), (String) m.get("host"),
                    ((Number) field(m, "port", Number.class)).intValue(), permissions, moveTo,
                    (Boolean) field(m, "legacy", Boolean.class), (String) m.get("legacyAddress"),
                    cert == null ? null : binding(map(cert, "certificate")),
                    Instant.ofEpochMilli(((Number) field(m, "registered", Number.class)).longValue()),
                    revoked == null ? null : revocation(map(revoked, "revoked")));
            aes.put(ae.aeTitle(), ae);
        }
        List<Revocation> revocations = new ArrayList<>();
        for (Object o : (List<?>) field(root, "revocations", List.class)) {
            revocations.add(revocation(map(o, "revocation")));
        }
        return new RegistrySnapshot(version, aes, revocations);
    }

    private static Map<String, Object> encode(CertificateBinding b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sha256", b.sha256());
        m.put("serial", b.serial());
        m.put("subject", b.subject());
        m.put("issuer", b.issuer());
        m.put("notAfter", b.notAfter().toEpochMilli());
        m.put("der", b.derBase64());
        return m;
    }

    private static Map<String, Object> encode(Revocation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aeTitle", r.aeTitle());
        m.put("sha256", r.sha256());
        m.put("serial", r.serial());
        m.put("at", r.at().toEpochMilli());
        m.put("reason", r.reason());
        return m;
    }

    private static CertificateBinding binding(Map<?, ?> m) {
        return new CertificateBinding((String) field(m, "sha256", String.class), (String) field(m, "serial", String.class),
                (String) field(m, "subject", String.class), (String) field(m, "issuer", String.class),
                Instant.ofEpochMilli(((Number) field(m, "notAfter", Number.class)).longValue()),
                (String) field(m, "der", String.class));
    }

    private static Revocation revocation(Map<?, ?> m) {
        return new Revocation((String) field(m, "aeTitle", String.class), (String) m.get("sha256"),
                (String) m.get("serial"), Instant.ofEpochMilli(((Number) field(m, "at", Number.class)).longValue()),
                (String) m.get("reason"));
    }

    private static Map<?, ?> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " is not a mapping");
        }
        return m;
    }

    private static Object field(Map<?, ?> m, String key, Class<?> type) {
        Object v = m.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("field '" + key + "' is missing or not a " + type.getSimpleName());
        }
        return v;
    }
}

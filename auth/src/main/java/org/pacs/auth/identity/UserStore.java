// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pacs.storage.crypto.KeyRing;

/**
 * The users of the embedded identity mode, sealed in {@code <data>/identity/users.sealed} (role
 * {@code "identity/users"}). The command line and the running archive share it: {@link #find} reads
 * the file again whenever it was replaced, so a user disabled by {@code ./pacs user disable} is refused
 * on the very next request. Nothing is cached beyond the file's stamp.
 *
 * <pre>{@code
 * UserStore users = UserStore.open(dataDir, keyRing);
 * users.add("dr-smith", EnumSet.of(Role.REFERRING_PHYSICIAN), Set.of("SMITH^ANNA"), hasher.hash(pw), now);
 * users.find("dr-smith").filter(LocalUser::enabled)...
 * }</pre>
 */
public final class UserStore {

    public static final String DIRECTORY = "identity";
    static final String FILE = "users.sealed";
    static final String ROLE = "identity/users";
    private static final int FORMAT = 1;

    private final SealedStore<Map<String, LocalUser>> store;

    private UserStore(Path file, KeyRing keys) {
        this.store = new SealedStore<>(file, ROLE, keys, new Codec(), Map.of());
    }

    /** The users of {@code dataDir}; an absent file is no users. Fails if the file does not open. */
    public static UserStore open(Path dataDir, KeyRing keys) throws IOException {
        UserStore users = new UserStore(dataDir.resolve(DIRECTORY).resolve(FILE), keys);
        users.store.current();
        return users;
    }

    /** The user as stored now; empty if there is no such user (the name is lower-cased first). */
    public Optional<LocalUser> find(String name) throws IOException {
        String key;
        try {
            key = LocalUser.requireValidName(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(store.current().get(key));
    }

    /** Every user, by name. */
    public List<LocalUser> list() throws IOException {
        return List.copyOf(store.current().values());
    }

    /** @throws IdentityStoreException the name is taken */
    public LocalUser add(String name, Set<Role> roles, Set<String> physicianNames, String passwordHash, Instant now)
            throws IOException {
        LocalUser user = new LocalUser(name, roles, physicianNames, true, passwordHash, 0, null, now, now);
        store.change(users -> {
            if (users.containsKey(user.name())) {
                throw new IdentityStoreException("user " + user.name() + " exists");
            }
            return with(users, user);
        });
        return user;
    }

    public LocalUser setEnabled(String name, boolean enabled, Instant now) throws IOException {
        return update(name, u -> u.withEnabled(enabled, now));
    }

    public LocalUser setPasswordHash(String name, String passwordHash, Instant now) throws IOException {
        return update(name, u -> u.withPasswordHash(passwordHash, now));
    }

    public LocalUser setRoles(String name, Set<Role> roles, Set<String> physicianNames, Instant now)
            throws IOException {
        return update(name, u -> u.withRoles(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles, physicianNames,
                now));
    }

    /** Counts a failed sign-in (no-op for an unknown user). */
    void recordFailure(String name, Instant at) throws IOException {
        store.change(users -> {
            LocalUser u = users.get(name);
            return u == null ? users : with(users, u.withFailure(at));
        });
    }

    /** Clears the failed sign-ins after a success; writes only if there were some. */
    void recordSuccess(String name) throws IOException {
        store.change(users -> {
            LocalUser u = users.get(name);
            return u == null || u.failedAttempts() == 0 ? users : with(users, u.withSuccess());
        });
    }

    /** Replaces the hash made with an older cost, only if the password was not changed meanwhile. */
    void upgradeHash(String name, String oldHash, String newHash) throws IOException {
        store.change(users -> {
            LocalUser u = users.get(name);
            if (u == null || !u.passwordHash().equals(oldHash)) {
                return users;
            }
            return with(users, new LocalUser(u.name(), u.roles(), u.physicianNames(), u.enabled(), newHash,
                    u.failedAttempts(), u.lastFailure(), u.created(), u.changed()));
        });
    }

    private interface Update {
        LocalUser apply(LocalUser user);
    }

    private LocalUser update(String name, Update update) throws IOException {
        String key = LocalUser.requireValidName(name);
        LocalUser[] out = new LocalUser[1];
        store.change(users -> {
            LocalUser u = users.get(key);
            if (u == null) {
                throw new IdentityStoreException("no user " + key);
            }
            out[0] = update.apply(u);
            return with(users, out[0]);
        });
        return out[0];
    }

    private static Map<String, LocalUser> with(Map<String, LocalUser> users, LocalUser user) {
        Map<String, LocalUser> next = new TreeMap<>(users);
        next.put(user.name(), user);
        return Collections.unmodifiableMap(next);
    }

    /**
     * Format 1: {@code format: 1}, {@code users: [{name, roles: [wire names], physicianNames: [...],
     * enabled, passwordHash, failedAttempts, lastFailure, created, changed}]}, times in epoch milliseconds.
     */
    private static final class Codec implements SealedStore.Codec<Map<String, LocalUser>> {
        @Override
        public byte[] encode(Map<String, LocalUser> users) {
            List<Object> list = new ArrayList<>();
            for (LocalUser u : users.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", u.name());
                m.put("roles", u.roles().stream().sorted().map(Role::wireName).toList());
                m.put("physicianNames", u.physicianNames().stream().sorted().toList());
                m.put("enabled", u.enabled());
                m.put("passwordHash", u.passwordHash());
                m.put("failedAttempts", u.failedAttempts());
                m.put("lastFailure", YamlMaps.millis(u.lastFailure()));
                m.put("created", YamlMaps.millis(u.created()));
                m.put("changed", YamlMaps.millis(u.changed()));
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format", FORMAT);
            root.put("users", list);
            return YamlMaps.dump(root);
        }

        @Override
        public Map<String, LocalUser> decode(byte[] bytes) {
            Map<?, ?> root = YamlMaps.load(bytes, FORMAT);
            Map<String, LocalUser> users = new TreeMap<>();
            for (Map<?, ?> m : YamlMaps.maps(root, "users")) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (String r : YamlMaps.strings(m, "roles")) {
                    roles.add(Role.fromWireName(r).orElseThrow(() -> new IllegalArgumentException("unknown role " + r)));
                }
                LocalUser u = new LocalUser(YamlMaps.string(m, "name"), roles, Set.copyOf(YamlMaps.strings(m,
                        "physicianNames")), YamlMaps.bool(m, "enabled"), YamlMaps.string(m, "passwordHash"),
                        YamlMaps.number(m, "failedAttempts").intValue(), YamlMaps.optionalInstant(m, "lastFailure"),
                        YamlMaps.instant(m, "created"), YamlMaps.instant(m, "changed"));
                if (users.put(u.name(), u) != null) {
                    throw new IllegalArgumentException("user " + u.name() + " appears twice");
                }
            }
            return Collections.unmodifiableMap(users);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pacs.storage.crypto.KeyRing;

/**
 * Study shares, sealed in {@code <data>/identity/shares.sealed} (role {@code "identity/shares"}) and
 * shared by {@code ./pacs share} and the running archive: a revoked or expired share stops counting
 * at the next request. Expired shares are ignored at once and dropped from the file 30 days later.
 *
 * <pre>{@code
 * ShareStore shares = ShareStore.open(dataDir, keyRing, Clock.systemUTC());
 * shares.share("1.2.840.1.2.3", "dr-jones", "rad", Duration.ofDays(14));
 * Set<String> uids = shares.sharedWith("dr-jones");
 * }</pre>
 */
public final class ShareStore {

    static final String FILE = "shares.sealed";
    static final String ROLE = "identity/shares";
    private static final int FORMAT = 1;
    private static final Duration KEEP_EXPIRED = Duration.ofDays(30);
    /** Longest share: a year; longer access is a role, not a share. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private final SealedStore<Map<String, StudyShare>> store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private ShareStore(Path file, KeyRing keys, Clock clock) {
        this.store = new SealedStore<>(file, ROLE, keys, new Codec(), Map.of());
        this.clock = clock;
    }

    public static ShareStore open(Path dataDir, KeyRing keys, Clock clock) throws IOException {
        ShareStore s = new ShareStore(dataDir.resolve(UserStore.DIRECTORY).resolve(FILE), keys, clock);
        s.store.current();
        return s;
    }

    /**
     * Shares {@code studyInstanceUid} with {@code withUser} for {@code lifetime}.
     *
     * @throws IllegalArgumentException invalid UID or user name, or a lifetime not within (0, 366 days]
     */
    public StudyShare share(String studyInstanceUid, String withUser, String by, Duration lifetime)
            throws IOException {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a share lasts more than nothing and at most " + LONGEST.toDays()
                    + " days");
        }
        Instant now = clock.instant();
        StudyShare s = new StudyShare(HexFormat.of().formatHex(randomBytes()), studyInstanceUid, withUser, by, now,
                now.plus(lifetime));
        store.change(all -> {
            Map<String, StudyShare> next = purge(all, now);
            next.put(s.id(), s);
            return Collections.unmodifiableMap(next);
        });
        return s;
    }

    /** @throws IdentityStoreException there is no share {@code id} */
    public StudyShare revoke(String id) throws IOException {
        StudyShare[] out = new StudyShare[1];
        store.change(all -> {
            out[0] = all.get(id == null ? "" : id.strip());
            if (out[0] == null) {
                throw new IdentityStoreException("no share " + id);
            }
            Map<String, StudyShare> next = purge(all, clock.instant());
            next.remove(out[0].id());
            return Collections.unmodifiableMap(next);
        });
        return out[0];
    }

    /** The Study Instance UIDs shared with {@code user} now (expired shares ignored). */
    public Set<String> sharedWith(String user) throws IOException {
        return activeFor(user).stream().map(StudyShare::studyInstanceUid).collect(Collectors.toUnmodifiableSet());
    }

    /** The active shares with {@code user}. */
    public List<StudyShare> activeFor(String user) throws IOException {
        String u;
        try {
            u = LocalUser.requireValidName(user);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Instant now = clock.instant();
        return store.current().values().stream().filter(s -> s.withUser().equals(u) && s.activeAt(now)).toList();
    }

    /** The active shares of one study. */
    public List<StudyShare> activeForStudy(String studyInstanceUid) throws IOException {
        Instant now = clock.instant();
        return store.current().values().stream()
                .filter(s -> s.studyInstanceUid().equals(studyInstanceUid) && s.activeAt(now)).toList();
    }

    /** Every share still in the file, expired ones included (for listing). */
    public List<StudyShare> all() throws IOException {
        return List.copyOf(store.current().values());
    }

    private byte[] randomBytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }

    private static Map<String, StudyShare> purge(Map<String, StudyShare> all, Instant now) {
        Map<String, StudyShare> next = new TreeMap<>(all);
        next.values().removeIf(s -> s.expires().plus(KEEP_EXPIRED).isBefore(now));
        return next;
    }

    /** Format 1: {@code shares: [{id, study, with, by, created, expires}]}. */
    private static final class Codec implements SealedStore.Codec<Map<String, StudyShare>> {
        @Override
        public byte[] encode(Map<String, StudyShare> all) {
            List<Object> list = new ArrayList<>();
            for (StudyShare s : all.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("study", s.studyInstanceUid());
                m.put("with", s.withUser());
                m.put("by", s.by());
                m.put("created", YamlMaps.millis(s.created()));
                m.put("expires", YamlMaps.millis(s.expires()));
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format", FORMAT);
            root.put("shares", list);
            return YamlMaps.dump(root);
        }

        @Override
        public Map<String, StudyShare> decode(byte[] bytes) {
            Map<String, StudyShare> all = new TreeMap<>();
            for (Map<?, ?> m : YamlMaps.maps(YamlMaps.load(bytes, FORMAT), "shares")) {
                StudyShare s = new StudyShare(YamlMaps.string(m, "id"), YamlMaps.string(m, "study"),
                        YamlMaps.string(m, "with"), YamlMaps.string(m, "by"), YamlMaps.instant(m, "created"),
                        YamlMaps.instant(m, "expires"));
                all.put(s.id(), s);
            }
            return Collections.unmodifiableMap(all);
        }
    }
}

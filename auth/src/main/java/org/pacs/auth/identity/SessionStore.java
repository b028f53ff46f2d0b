// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pacs.storage.crypto.KeyRing;

/**
 * Sign-in sessions of the embedded identity mode, sealed in {@code <data>/identity/sessions.sealed}. A
 * session is one chain of refresh tokens (RFC 6749 §10.4, OAuth 2.0 Security BCP §4.14): only the
 * SHA-256 of each token is stored; each refresh replaces the token (rotation); presenting a token that
 * was already replaced ends the whole session, since either the client or a thief holds a copy. A
 * session ends at the latest {@code identity.refreshTokenHours} after sign-in, whatever the refreshes.
 * Access tokens carry the session's id ({@code sid}), so that logout ends them too.
 */
public final class SessionStore {

    static final String FILE = "sessions.sealed";
    static final String ROLE = "identity/sessions";
    private static final int FORMAT = 1;
    /** Replaced token hashes remembered per session, to recognise a replayed one. */
    private static final int REMEMBERED_REPLACED = 64;

    /**
     * @param tokenHash hex SHA-256 of the current refresh token
     * @param replaced hex SHA-256 of the tokens it replaced, newest last
     */
    public record Session(String id, String user, Instant started, Instant expires, String tokenHash,
            List<String> replaced) {
        public Session {
            replaced = List.copyOf(replaced);
        }

        public boolean activeAt(Instant now) {
            return now.isBefore(expires);
        }
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Presented {
        /** The token is the session's current one. */
        record Current(Session session) implements Presented {
        }

        /** The token was replaced already: a replay; the session has been ended. */
        record Replayed(Session session) implements Presented {
        }

        /** No session knows the token (never issued, expired, or its session ended). */
        record Unknown() implements Presented {
        }
    }

    private final SealedStore<Map<String, Session>> store;
    private final SecureRandom random = new SecureRandom();

    private SessionStore(Path file, KeyRing keys) {
        this.store = new SealedStore<>(file, ROLE, keys, new Codec(), Map.of());
    }

    public static SessionStore open(Path dataDir, KeyRing keys) throws IOException {
        SessionStore s = new SessionStore(dataDir.resolve(UserStore.DIRECTORY).resolve(FILE), keys);
        s.store.current();
        return s;
    }

    /** A new random refresh token: 256 bits, base64url. */
    String newToken() {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Starts a session for {@code user} with {@code refreshToken} as its first token. */
    Session start(String user, String refreshToken, Instant now, Instant expires) throws IOException {
        Session s = new Session(newToken().substring(0, 22), user, now, expires, hash(refreshToken), List.of());
        store.change(all -> with(purge(all, now), s));
        return s;
    }

    /**
     * Looks {@code refreshToken} up and, if it is a session's current token, replaces it by
     * {@code nextToken} in the same write; a replayed token ends its session.
     */
    Presented rotate(String refreshToken, String nextToken, Instant now) throws IOException {
        String h = hash(refreshToken);
        Presented[] out = {new Presented.Unknown()};
        store.change(all -> {
            for (Session s : all.values()) {
                if (!s.activeAt(now)) {
                    continue;
                }
                if (s.tokenHash().equals(h)) {
                    List<String> replaced = new ArrayList<>(s.replaced());
                    replaced.add(h);
                    while (replaced.size() > REMEMBERED_REPLACED) {
                        replaced.removeFirst();
                    }
                    Session next = new Session(s.id(), s.user(), s.started(), s.expires(), hash(nextToken), replaced);
                    out[0] = new Presented.Current(next);
                    return with(purge(all, now), next);
                }
                if (s.replaced().contains(h)) {
                    out[0] = new Presented.Replayed(s);
                    return without(purge(all, now), s.id());
                }
            }
            return all;
        });
        return out[0];
    }

    /** Ends the session whose current token is {@code refreshToken}; empty if there is none. */
    Optional<Session> endByToken(String refreshToken, Instant now) throws IOException {
        String h = hash(refreshToken);
        Session[] ended = new Session[1];
        store.change(all -> {
            for (Session s : all.values()) {
                if (s.tokenHash().equals(h) || s.replaced().contains(h)) {
                    ended[0] = s;
                    return without(purge(all, now), s.id());
                }
            }
            return all;
        });
        return Optional.ofNullable(ended[0]);
    }

    /** Ends the session {@code id}, e.g. on logout with an access token. */
    Optional<Session> end(String id, Instant now) throws IOException {
        Session[] ended = new Session[1];
        store.change(all -> {
            ended[0] = all.get(id);
            return ended[0] == null ? all : without(purge(all, now), id);
        });
        return Optional.ofNullable(ended[0]);
    }

    /** Ends every session of {@code user} (disabled, password changed); returns how many. */
    public int endAllOf(String user, Instant now) throws IOException {
        int[] n = {0};
        store.change(all -> {
            Map<String, Session> next = new TreeMap<>(purge(all, now));
            int before = next.size();
            next.values().removeIf(s -> s.user().equals(user));
            n[0] = before - next.size();
            return next.size() == all.size() ? all : Collections.unmodifiableMap(next);
        });
        return n[0];
    }

    /** Whether session {@code id} of {@code user} is active now, as stored (re-read if replaced). */
    public boolean isActive(String id, String user, Instant now) throws IOException {
        Session s = store.current().get(id);
        return s != null && s.user().equals(user) && s.activeAt(now);
    }

    /** Active sessions, for listing. */
    public List<Session> active(Instant now) throws IOException {
        return store.current().values().stream().filter(s -> s.activeAt(now)).toList();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Session> purge(Map<String, Session> all, Instant now) {
        if (all.values().stream().allMatch(s -> s.activeAt(now))) {
            return all;
        }
        Map<String, Session> next = new TreeMap<>(all);
        next.values().removeIf(s -> !s.activeAt(now));
        return Collections.unmodifiableMap(next);
    }

    private static Map<String, Session> with(Map<String, Session> all, Session s) {
        Map<String, Session> next = new TreeMap<>(all);
        next.put(s.id(), s);
        return Collections.unmodifiableMap(next);
    }

    private static Map<String, Session> without(Map<String, Session> all, String id) {
        Map<String, Session> next = new TreeMap<>(all);
        next.remove(id);
        return Collections.unmodifiableMap(next);
    }

    /** Format 1: {@code sessions: [{id, user, started, expires, tokenHash, replaced: [...]}]}. */
    private static final class Codec implements SealedStore.Codec<Map<String, Session>> {
        @Override
        public byte[] encode(Map<String, Session> all) {
            List<Object> list = new ArrayList<>();
            for (Session s : all.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("user", s.user());
                m.put("started", YamlMaps.millis(s.started()));
                m.put("expires", YamlMaps.millis(s.expires()));
                m.put("tokenHash", s.tokenHash());
                m.put("replaced", s.replaced());
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format", FORMAT);
            root.put("sessions", list);
            return YamlMaps.dump(root);
        }

        @Override
        public Map<String, Session> decode(byte[] bytes) {
            Map<String, Session> all = new TreeMap<>();
            for (Map<?, ?> m : YamlMaps.maps(YamlMaps.load(bytes, FORMAT), "sessions")) {
                Session s = new Session(YamlMaps.string(m, "id"), YamlMaps.string(m, "user"),
                        YamlMaps.instant(m, "started"), YamlMaps.instant(m, "expires"), YamlMaps.string(m, "tokenHash"),
                        YamlMaps.strings(m, "replaced"));
                all.put(s.id(), s);
            }
            return Collections.unmodifiableMap(all);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.EventActionCode;

/**
 * Records, in the running archive, the user and share changes that {@code ./pacs user} and
 * {@code ./pacs share} make while the archive holds the audit trail (the commands cannot write it
 * then). Each {@link #poll()} compares the stores with what it saw last (one {@code stat} each when
 * nothing changed) and reports every difference: users added, removed, enabled, disabled, given a new
 * password or other roles; shares made or revoked. Failed sign-ins are not changes here (they are
 * audited as logins), nor are shares dropped long after they expired.
 *
 * <pre>{@code
 * IdentityChangeAudit changes = new IdentityChangeAudit(users, shares, identityEvents, trail::append...);
 * every second: changes.poll();
 * }</pre>
 */
public final class IdentityChangeAudit {

    /** Who the records name as having made a change seen in the stores. */
    public static final String OPERATOR = "local operator (./pacs)";

    private final UserStore users;
    private final ShareStore shares;
    private final IdentityAuditEvents events;
    private final Consumer<AuditEvent> sink;
    private final Clock clock;
    private Map<String, LocalUser> seenUsers;
    private Map<String, StudyShare> seenShares;

    /** Takes the stores as they are now as the starting point. */
    public IdentityChangeAudit(UserStore users, ShareStore shares, IdentityAuditEvents events,
            Consumer<AuditEvent> sink, Clock clock) throws IOException {
        this.users = Objects.requireNonNull(users);
        this.shares = Objects.requireNonNull(shares);
        this.events = Objects.requireNonNull(events);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.seenUsers = byName(users);
        this.seenShares = byId(shares);
    }

    /** Reports the changes since the last call. Not thread-safe: call from one watcher thread. */
    public void poll() throws IOException {
        Map<String, LocalUser> nowUsers = byName(users);
        for (LocalUser u : nowUsers.values()) {
            LocalUser before = seenUsers.get(u.name());
            if (before == null) {
                report(u.name(), EventActionCode.C, "added with roles " + u.roles());
            } else if (!before.changed().equals(u.changed()) || before.enabled() != u.enabled()) {
                report(u.name(), EventActionCode.U, describe(before, u));
            }
        }
        for (String gone : seenUsers.keySet()) {
            if (!nowUsers.containsKey(gone)) {
                report(gone, EventActionCode.D, "removed");
            }
        }
        seenUsers = nowUsers;
        Map<String, StudyShare> nowShares = byId(shares);
        for (StudyShare s : nowShares.values()) {
            if (!seenShares.containsKey(s.id())) {
                sink.accept(events.shareChange(OPERATOR, null, s, EventActionCode.C));
            }
        }
        for (StudyShare s : seenShares.values()) {
            boolean purgedLongAfterExpiry = clock.instant().isAfter(s.expires().plus(Duration.ofDays(1)));
            if (!nowShares.containsKey(s.id()) && !purgedLongAfterExpiry) {
                sink.accept(events.shareChange(OPERATOR, null, s, EventActionCode.D));
            }
        }
        seenShares = nowShares;
    }

    private void report(String user, EventActionCode change, String description) {
        sink.accept(events.userChange(OPERATOR, null, user, change, description));
    }

    private static String describe(LocalUser before, LocalUser after) {
        StringBuilder s = new StringBuilder();
        if (before.enabled() != after.enabled()) {
            s.append(after.enabled() ? "enabled" : "disabled");
        }
        if (!before.passwordHash().equals(after.passwordHash())) {
            s.append(s.isEmpty() ? "" : "; ").append("password set");
        }
        if (!before.roles().equals(after.roles()) || !before.physicianNames().equals(after.physicianNames())) {
            s.append(s.isEmpty() ? "" : "; ").append("roles now ").append(after.roles());
        }
        return s.isEmpty() ? "changed" : s.toString();
    }

    private static Map<String, LocalUser> byName(UserStore users) throws IOException {
        Map<String, LocalUser> m = new HashMap<>();
        users.list().forEach(u -> m.put(u.name(), u));
        return m;
    }

    private static Map<String, StudyShare> byId(ShareStore shares) throws IOException {
        Map<String, StudyShare> m = new HashMap<>();
        shares.all().forEach(s -> m.put(s.id(), s));
        return m;
    }
}

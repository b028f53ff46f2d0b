// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which records {@link AuditTrailReader#read} passes on; a null criterion accepts everything.
 *
 * @param since records whose EventDateTime is at or after this instant
 * @param user an active participant with this UserID, UserName or AlternativeUserID
 * @param aeTitle an active participant with this AE title as UserID, or an AE change about it
 * @param studyInstanceUid a participant object that is this study
 */
public record AuditFilter(Instant since, String user, String aeTitle, String studyInstanceUid) {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null);
    }

    public AuditFilter withSince(Instant instant) {
        return new AuditFilter(instant, user, aeTitle, studyInstanceUid);
    }

    public AuditFilter withUser(String userId) {
        return new AuditFilter(since, userId, aeTitle, studyInstanceUid);
    }

    public AuditFilter withAeTitle(String ae) {
        return new AuditFilter(since, user, ae, studyInstanceUid);
    }

    public AuditFilter withStudy(String uid) {
        return new AuditFilter(since, user, aeTitle, uid);
    }

    public boolean matches(AuditEvent e) {
        if (since != null && e.dateTime().isBefore(since)) {
            return false;
        }
        if (user != null && e.activeParticipants().stream().noneMatch(p -> user.equals(p.userId())
                || user.equals(p.userName()) || user.equals(p.alternativeUserId()))) {
            return false;
        }
        if (aeTitle != null && e.activeParticipants().stream().noneMatch(p -> aeTitle.equals(p.userId()))
                && e.participantObjects().stream().noneMatch(o -> o.id().equals(AuditEvents.AE_URI_PREFIX + aeTitle))) {
            return false;
        }
        return studyInstanceUid == null || e.participantObjects().stream()
                .anyMatch(o -> o.isA(ParticipantObjectIdType.STUDY_INSTANCE_UID) && o.id().equals(studyInstanceUid));
    }

    /**
     * Reads a {@code --since} value: a UTC date ({@code 2026-01-01}), a UTC date and time
     * ({@code 2026-01-01T08:30}, {@code 2026-01-01T08:30:00Z}), or a span back from now ({@code 90s},
     * {@code 30m}, {@code 24h}, {@code 7d}).
     *
     * @throws IllegalArgumentException none of these
     */
    public static Instant parseSince(String text, Clock clock) {
        String t = text.strip();
        Matcher ago = AGO.matcher(t);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration span = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(span);
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a date (2026-01-01), a date and time "
                    + "(2026-01-01T08:30Z) nor a span back from now (30m, 24h, 7d)", e);
        }
    }
}

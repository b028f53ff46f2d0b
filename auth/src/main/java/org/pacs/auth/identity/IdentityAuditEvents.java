// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pacs.auth.audit.ActiveParticipant;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.EventActionCode;
import org.pacs.auth.audit.EventId;
import org.pacs.auth.audit.EventOutcome;
import org.pacs.auth.audit.EventType;
import org.pacs.auth.audit.ParticipantObject;
import org.pacs.auth.audit.ParticipantObjectIdType;

/**
 * Audit messages for changes to who may see what (PS3.15 §A.5.3.11 Security Alert): a user added,
 * disabled, enabled or given a new password (type User Security Attributes Changed, subject
 * {@code pacs:user/<name>}), and a study shared or a share revoked (type Object Security Attributes
 * Changed, the study by its Study Instance UID). The operator is the requestor.
 *
 * <pre>{@code
 * IdentityAuditEvents events = new IdentityAuditEvents(AuditSource.of("PACS"), "PACS", Clock.systemUTC());
 * trail.append(events.userChange("local operator", "127.0.0.1", "dr-smith", EventActionCode.C, "added"));
 * }</pre>
 */
public final class IdentityAuditEvents {

    /** ID prefix of a user as a security alert subject. */
    public static final String USER_URI_PREFIX = "pacs:user/";
    /** ParticipantObjectDetail type of the alert's free-text description, as {@code AuditEvents} writes it. */
    static final String DETAIL_ALERT_DESCRIPTION = "Alert Description";

    private final AuditSource source;
    private final String archiveAeTitle;
    private final Clock clock;

    public IdentityAuditEvents(AuditSource source, String archiveAeTitle, Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.archiveAeTitle = Objects.requireNonNull(archiveAeTitle);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A user's account changed ({@code change}: C added, U changed, D removed). */
    public AuditEvent userChange(String operator, String operatorAddress, String user, EventActionCode change,
            String description) {
        ParticipantObject subject = new ParticipantObject(USER_URI_PREFIX + user, ParticipantObjectIdType.URI.coded(),
                ParticipantObject.PERSON, ParticipantObject.ROLE_SECURITY_USER_ENTITY, user, null,
                details(change.meaning() + ": " + description));
        return alert(EventType.USER_SECURITY_ATTRIBUTES_CHANGED, operator, operatorAddress, List.of(subject));
    }

    /** Study {@code share} was made ({@code C}) or revoked ({@code D}). */
    public AuditEvent shareChange(String operator, String operatorAddress, StudyShare share, EventActionCode change) {
        String text = (change == EventActionCode.D ? "share " + share.id() + " revoked: " : "share " + share.id()
                + ": ") + "with " + share.withUser() + " until " + share.expires() + ", by " + share.by();
        ParticipantObject study = new ParticipantObject(share.studyInstanceUid(),
                ParticipantObjectIdType.STUDY_INSTANCE_UID.coded(), ParticipantObject.SYSTEM_OBJECT,
                ParticipantObject.ROLE_REPORT, null, null, details(text));
        ParticipantObject user = new ParticipantObject(USER_URI_PREFIX + share.withUser(),
                ParticipantObjectIdType.URI.coded(), ParticipantObject.PERSON,
                ParticipantObject.ROLE_SECURITY_USER_ENTITY, share.withUser(), null, List.of());
        return alert(EventType.OBJECT_SECURITY_ATTRIBUTES_CHANGED, operator, operatorAddress, List.of(study, user));
    }

    private AuditEvent alert(EventType type, String operator, String address, List<ParticipantObject> objects) {
        List<ActiveParticipant> participants = new ArrayList<>();
        participants.add(new ActiveParticipant(operator, null, operator, true, List.of(), address,
                address == null ? null : ActiveParticipant.IP_ADDRESS));
        participants.add(new ActiveParticipant(archiveAeTitle, null, null, false, List.of(), null, null));
        return new AuditEvent(EventId.SECURITY_ALERT.coded(), EventActionCode.E, clock.instant(), EventOutcome.SUCCESS,
                null, List.of(type.coded()), participants, source, objects);
    }

    private static List<ParticipantObject.Detail> details(String description) {
        return List.of(new ParticipantObject.Detail(DETAIL_ALERT_DESCRIPTION, description));
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Builds the audit messages the archive writes, one factory per event, each following its PS3.15 §A.5.3
 * table. Events start as successes; {@link AuditEvent#withOutcome} records a failure.
 *
 * <pre>{@code
 * AuditEvents events = new AuditEvents(AuditSource.of("PACS@host"), Actor.ae("PACS", "host"), Clock.systemUTC());
 * trail.append(events.store(Actor.ae("CT1", "10.0.0.5"), PatientStudies.of("PID1", studyUid)));
 * trail.append(events.login(Actor.user("alice", "10.0.0.7"), false, "bad password"));
 * }</pre>
 */
public final class AuditEvents {

    /** ParticipantObjectDetail type of the C-FIND transfer syntax (PS3.15 §A.5.3.10). */
    public static final String DETAIL_TRANSFER_SYNTAX = "TransferSyntax";
    /** ParticipantObjectDetail type of a security alert's free-text description (PS3.15 §A.5.3.11). */
    public static final String DETAIL_ALERT_DESCRIPTION = "Alert Description";
    /** ID prefix of a configuration setting as a security alert subject. */
    public static final String SETTING_URI_PREFIX = "pacs:config/";
    /** ID prefix of a registered application entity as a security alert subject. */
    public static final String AE_URI_PREFIX = "pacs:ae/";

    private final AuditSource source;
    private final Actor archive;
    private final Clock clock;

    /**
     * @param archive this archive as a participant: its AE title and host
     */
    public AuditEvents(AuditSource source, Actor archive, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** PS3.15 §A.5.3.1 Application Activity, Application Start: the archive started. */
    public AuditEvent applicationStart() {
        return event(EventId.APPLICATION_ACTIVITY, EventActionCode.E, List.of(EventType.APPLICATION_START),
                List.of(archive.as(false, RoleId.APPLICATION)), List.of());
    }

    /** PS3.15 §A.5.3.1 Application Activity, Application Stop: the archive is stopping. */
    public AuditEvent applicationStop() {
        return event(EventId.APPLICATION_ACTIVITY, EventActionCode.E, List.of(EventType.APPLICATION_STOP),
                List.of(archive.as(false, RoleId.APPLICATION)), List.of());
    }

    /** PS3.15 §A.5.3.2 Audit Log Used: {@code reader} read the trail at {@code auditLogUri}. */
    public AuditEvent auditLogUsed(Actor reader, String auditLogUri) {
        ParticipantObject log = new ParticipantObject(auditLogUri, ParticipantObjectIdType.URI.coded(),
                ParticipantObject.SYSTEM_OBJECT, ParticipantObject.ROLE_SECURITY_RESOURCE, "Security Audit Log", null,
                List.of());
        return event(EventId.AUDIT_LOG_USED, EventActionCode.R, List.of(), List.of(reader.as(true)), List.of(log));
    }

    /**
     * An association was accepted: PS3.15 §A.5.3.11 Security Alert with type Node Authentication and
     * outcome success (DICOM defines no association message; node authentication is what accepting one
     * decides).
     */
    public AuditEvent associationAccepted(Actor calling, String calledAeTitle) {
        return event(EventId.SECURITY_ALERT, EventActionCode.E, List.of(EventType.NODE_AUTHENTICATION),
                List.of(calling.as(true), called(calledAeTitle).as(false)), List.of());
    }

    /** An association was rejected or aborted during setup: Node Authentication with outcome minor failure. */
    public AuditEvent associationRejected(Actor calling, String calledAeTitle, String reason) {
        return associationAccepted(calling, calledAeTitle).withOutcome(EventOutcome.MINOR_FAILURE, reason);
    }

    /** PS3.15 §A.5.3.7 DICOM Instances Transferred, Create: {@code source} stored instances here (C-STORE, STOW-RS). */
    public AuditEvent store(Actor source, PatientStudies studies) {
        return event(EventId.DICOM_INSTANCES_TRANSFERRED, EventActionCode.C, List.of(),
                List.of(source.as(true, RoleId.SOURCE), archive.as(false, RoleId.DESTINATION)), objects(studies));
    }

    /** DICOM Instances Transferred, Read: the archive sent instances to the requestor (C-GET, WADO). */
    public AuditEvent retrieve(Actor requestor, PatientStudies studies) {
        return event(EventId.DICOM_INSTANCES_TRANSFERRED, EventActionCode.R, List.of(),
                List.of(archive.as(false, RoleId.SOURCE), requestor.as(true, RoleId.DESTINATION)), objects(studies));
    }

    /** DICOM Instances Transferred, Read: on {@code requestor}'s C-MOVE the archive sent instances to {@code destination}. */
    public AuditEvent move(Actor requestor, Actor destination, PatientStudies studies) {
        List<ActiveParticipant> participants = new ArrayList<>();
        participants.add(archive.as(false, RoleId.SOURCE));
        participants.add(destination.as(false, RoleId.DESTINATION));
        participants.add(requestor.as(true));
        return event(EventId.DICOM_INSTANCES_TRANSFERRED, EventActionCode.R, List.of(), participants,
                objects(studies));
    }

    /** PS3.15 §A.5.3.5 Export: {@code requestor} exported studies to {@code destination} (media or a system outside DICOM). */
    public AuditEvent export(Actor requestor, String destination, PatientStudies studies) {
        return event(EventId.EXPORT, EventActionCode.R, List.of(), List.of(requestor.as(true),
                archive.as(false, RoleId.SOURCE), new Actor(destination, null, null, null).as(false,
                        RoleId.DESTINATION_MEDIA)), objects(studies));
    }

    /** PS3.15 §A.5.3.6 Import: {@code requestor} imported studies from {@code source} (media, a folder). */
    public AuditEvent importInstances(Actor requestor, String source, PatientStudies studies) {
        return event(EventId.IMPORT, EventActionCode.C, List.of(), List.of(requestor.as(true),
                new Actor(source, null, null, null).as(false, RoleId.SOURCE_MEDIA),
                archive.as(false, RoleId.DESTINATION)), objects(studies));
    }

    /**
     * PS3.15 §A.5.3.10 Query by C-FIND: the object is the queried SOP Class, ParticipantObjectQuery the
     * identifier as received (base64), ParticipantObjectDetail its transfer syntax.
     */
    public AuditEvent query(Actor requestor, String sopClassUid, byte[] identifier, String transferSyntaxUid) {
        ParticipantObject query = new ParticipantObject(sopClassUid, ParticipantObjectIdType.SOP_CLASS_UID.coded(),
                ParticipantObject.SYSTEM_OBJECT, ParticipantObject.ROLE_REPORT, null,
                Base64.getEncoder().encodeToString(identifier),
                List.of(new ParticipantObject.Detail(DETAIL_TRANSFER_SYNTAX, transferSyntaxUid)));
        return queryEvent(requestor, query);
    }

    /**
     * Query by DICOMweb (QIDO-RS) or another non-DICOM interface (PS3.15 §A.5.3.10 note 2): the object is
     * the resource URI, ParticipantObjectQuery the query keys as JSON (base64).
     */
    public AuditEvent query(Actor requestor, java.net.URI resource, String keysJson) {
        ParticipantObject query = new ParticipantObject(resource.toString(), ParticipantObjectIdType.URI.coded(),
                ParticipantObject.SYSTEM_OBJECT, ParticipantObject.ROLE_REPORT, null,
                Base64.getEncoder().encodeToString(keysJson.getBytes(StandardCharsets.UTF_8)), List.of());
        return queryEvent(requestor, query);
    }

    private AuditEvent queryEvent(Actor requestor, ParticipantObject query) {
        return event(EventId.QUERY, EventActionCode.E, List.of(),
                List.of(requestor.as(true, RoleId.SOURCE), archive.as(false, RoleId.DESTINATION)), List.of(query));
    }

    /**
     * A configuration setting changed: Security Alert of type {@code kind} (Network, Security or Software
     * Configuration), the subject being {@code pacs:config/<key>}.
     */
    public AuditEvent configurationChange(Actor who, EventType kind, String settingKey, String description) {
        if (!kind.isConfiguration()) {
            throw new IllegalArgumentException(kind + " is not a configuration event type");
        }
        ParticipantObject subject = alertSubject(SETTING_URI_PREFIX + settingKey, settingKey,
                ParticipantObject.ROLE_MASTER_FILE, description);
        return event(EventId.SECURITY_ALERT, EventActionCode.E, List.of(kind),
                List.of(who.as(true), archive.as(false)), List.of(subject));
    }

    /**
     * An application entity was registered, changed or removed (its certificate binding, address or
     * rights): Security Alert of type User Security Attributes Changed, subject {@code pacs:ae/<AE title>}.
     */
    public AuditEvent aeChange(Actor who, String aeTitle, EventActionCode change, String description) {
        String text = change.meaning() + (description == null || description.isBlank() ? "" : ": " + description);
        ParticipantObject subject = alertSubject(AE_URI_PREFIX + aeTitle, aeTitle,
                ParticipantObject.ROLE_SECURITY_USER_ENTITY, text);
        return event(EventId.SECURITY_ALERT, EventActionCode.E, List.of(EventType.USER_SECURITY_ATTRIBUTES_CHANGED),
                List.of(who.as(true), archive.as(false)), List.of(subject));
    }

    /**
     * PS3.15 §A.5.3.12 User Authentication, Login: the user is the requestor (with the address it came from),
     * the archive the authenticating node. A failure is a minor failure with {@code reason} as description.
     */
    public AuditEvent login(Actor user, boolean success, String reason) {
        AuditEvent login = event(EventId.USER_AUTHENTICATION, EventActionCode.E, List.of(EventType.LOGIN),
                List.of(user.as(true), archive.as(false)), List.of());
        return success ? login : login.withOutcome(EventOutcome.MINOR_FAILURE, reason);
    }

    /** User Authentication, Logout. */
    public AuditEvent logout(Actor user) {
        return event(EventId.USER_AUTHENTICATION, EventActionCode.E, List.of(EventType.LOGOUT),
                List.of(user.as(true), archive.as(false)), List.of());
    }

    /**
     * PS3.15 §A.5.3.11 Security Alert of any type, reported by the archive about {@code involved} (null if
     * nobody in particular), e.g. {@code USE_OF_RESTRICTED_FUNCTION} with outcome minor failure for a denied
     * request.
     */
    public AuditEvent securityAlert(EventType type, Actor involved, EventOutcome outcome, String description) {
        List<ActiveParticipant> participants = new ArrayList<>();
        participants.add(archive.as(false));
        if (involved != null) {
            participants.add(involved.as(true));
        }
        return new AuditEvent(EventId.SECURITY_ALERT.coded(), EventActionCode.E, clock.instant(), outcome,
                description, List.of(type.coded()), participants, source, List.of());
    }

    private Actor called(String calledAeTitle) {
        return new Actor(calledAeTitle.strip(), archive.alternativeUserId(), archive.userName(),
                archive.networkAccessPointId());
    }

    private static ParticipantObject alertSubject(String uri, String name, int role, String description) {
        List<ParticipantObject.Detail> details = description == null || description.isBlank() ? List.of()
                : List.of(new ParticipantObject.Detail(DETAIL_ALERT_DESCRIPTION, description));
        return new ParticipantObject(uri, ParticipantObjectIdType.URI.coded(), ParticipantObject.SYSTEM_OBJECT, role,
                name, null, details);
    }

    /** PS3.15 §A.5.3.7: one object per study, then the patient (a person in the role patient). */
    private static List<ParticipantObject> objects(PatientStudies studies) {
        List<ParticipantObject> objects = new ArrayList<>();
        for (String uid : studies.studyInstanceUids()) {
            objects.add(new ParticipantObject(uid, ParticipantObjectIdType.STUDY_INSTANCE_UID.coded(),
                    ParticipantObject.SYSTEM_OBJECT, ParticipantObject.ROLE_REPORT, null, null, List.of()));
        }
        if (studies.patientId() != null && !studies.patientId().isBlank()) {
            objects.add(new ParticipantObject(studies.patientId(), ParticipantObjectIdType.PATIENT_NUMBER.coded(),
                    ParticipantObject.PERSON, ParticipantObject.ROLE_PATIENT, null, null, List.of()));
        }
        return objects;
    }

    private AuditEvent event(EventId id, EventActionCode action, List<EventType> types,
            List<ActiveParticipant> participants, List<ParticipantObject> objects) {
        return new AuditEvent(id.coded(), action, clock.instant(), EventOutcome.SUCCESS, null,
                types.stream().map(EventType::coded).toList(), participants, source, objects);
    }
}

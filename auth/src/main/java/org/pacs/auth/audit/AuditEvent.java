// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The content of one DICOM audit message (PS3.15 §A.5.1 AuditMessage): EventIdentification, the active
 * participants, the audit source and the participant objects. Build them with {@link AuditEvents}; this
 * record only checks what the schema requires.
 *
 * @param dateTime EventDateTime, kept to the millisecond (the precision the trail stores)
 * @param outcomeDescription EventOutcomeDescription, or null
 */
public record AuditEvent(CodedValue eventId, EventActionCode actionCode, Instant dateTime, EventOutcome outcome,
        String outcomeDescription, List<CodedValue> eventTypeCodes, List<ActiveParticipant> activeParticipants,
        AuditSource auditSource, List<ParticipantObject> participantObjects) {

    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(auditSource, "auditSource");
        dateTime = dateTime.truncatedTo(ChronoUnit.MILLIS);
        eventTypeCodes = List.copyOf(Objects.requireNonNullElse(eventTypeCodes, List.of()));
        activeParticipants = List.copyOf(Objects.requireNonNull(activeParticipants, "activeParticipants"));
        if (activeParticipants.isEmpty()) {
            throw new IllegalArgumentException("an audit message needs at least one ActiveParticipant");
        }
        participantObjects = List.copyOf(Objects.requireNonNullElse(participantObjects, List.of()));
    }

    /** The same event with another outcome, e.g. {@code events.store(...).withOutcome(MINOR_FAILURE, "disk full")}. */
    public AuditEvent withOutcome(EventOutcome newOutcome, String description) {
        return new AuditEvent(eventId, actionCode, dateTime, newOutcome, description, eventTypeCodes,
                activeParticipants, auditSource, participantObjects);
    }

    /** Whether the EventID is {@code id}. */
    public boolean is(EventId id) {
        return id.coded().sameCode(eventId);
    }

    /** Whether one of the EventTypeCodes is {@code type}. */
    public boolean hasType(EventType type) {
        return eventTypeCodes.stream().anyMatch(type.coded()::sameCode);
    }
}

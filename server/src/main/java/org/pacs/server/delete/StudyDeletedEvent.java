// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.delete;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pacs.auth.audit.ActiveParticipant;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.CodedValue;
import org.pacs.auth.audit.EventActionCode;
import org.pacs.auth.audit.EventOutcome;
import org.pacs.auth.audit.ParticipantObject;
import org.pacs.auth.audit.ParticipantObjectIdType;

/**
 * PS3.15 §A.5.3.8 "DICOM Study Deleted" (EventID 110105, EventActionCode D): who deleted which studies of
 * one patient. {@code AuditEvents} has no factory for it yet, so it is built here from the audit
 * model's public records, the way that table lays it out.
 */
public final class StudyDeletedEvent {
    static final CodedValue STUDY_DELETED = CodedValue.dcm("110105", "DICOM Study Deleted");

    private StudyDeletedEvent() {
    }

    /**
     * @param who the person or process that deleted (UserIsRequestor true)
     * @param archive the archive that held the studies
     */
    public static AuditEvent of(AuditSource source, String who, String archive, String patientId,
            List<String> studyInstanceUids, Instant when) {
        List<ActiveParticipant> participants = List.of(
                new ActiveParticipant(who, null, who, true, List.of(), "127.0.0.1", ActiveParticipant.IP_ADDRESS),
                new ActiveParticipant(archive, null, null, false, List.of(), null, null));
        List<ParticipantObject> objects = new ArrayList<>();
        for (String uid : studyInstanceUids) {
            objects.add(new ParticipantObject(uid, ParticipantObjectIdType.STUDY_INSTANCE_UID.coded(),
                    ParticipantObject.SYSTEM_OBJECT, ParticipantObject.ROLE_REPORT, null, null, List.of()));
        }
        if (patientId != null && !patientId.isBlank()) {
            objects.add(new ParticipantObject(patientId, ParticipantObjectIdType.PATIENT_NUMBER.coded(),
                    ParticipantObject.PERSON, ParticipantObject.ROLE_PATIENT, null, null, List.of()));
        }
        return new AuditEvent(STUDY_DELETED, EventActionCode.D, when, EventOutcome.SUCCESS, null, List.of(),
                participants, source, objects);
    }
}

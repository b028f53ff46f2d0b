// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message content each factory produces, against its PS3.15 §A.5.3 table. */
class AuditEventsTest {

    private final AuditEvents events = AuditMessageXmlTest.EVENTS;
    private final Actor ct = AuditMessageXmlTest.CT;
    private final Actor alice = AuditMessageXmlTest.ALICE;

    @Test
    void storeIsInstancesTransferredCreateFromTheSourceToTheArchive() {
        AuditEvent e = events.store(ct, PatientStudies.of("PID-1", "1.2.3"));
        assertTrue(e.is(EventId.DICOM_INSTANCES_TRANSFERRED));
        assertEquals(EventActionCode.C, e.actionCode());
        ActiveParticipant source = e.activeParticipants().get(0);
        assertEquals("CT1", source.userId());
        assertTrue(source.userIsRequestor());
        assertTrue(source.hasRole(RoleId.SOURCE));
        assertEquals("10.0.0.5", source.networkAccessPointId());
        assertEquals(ActiveParticipant.IP_ADDRESS, source.networkAccessPointTypeCode());
        ActiveParticipant archive = e.activeParticipants().get(1);
        assertEquals("PACS", archive.userId());
        assertTrue(archive.hasRole(RoleId.DESTINATION));
        assertEquals(ActiveParticipant.MACHINE_NAME, archive.networkAccessPointTypeCode());
        ParticipantObject study = e.participantObjects().get(0);
        assertTrue(study.isA(ParticipantObjectIdType.STUDY_INSTANCE_UID));
        assertEquals("1.2.3", study.id());
        ParticipantObject patient = e.participantObjects().get(1);
        assertTrue(patient.isA(ParticipantObjectIdType.PATIENT_NUMBER));
        assertEquals(ParticipantObject.PERSON, patient.typeCode());
        assertEquals(ParticipantObject.ROLE_PATIENT, patient.typeCodeRole());
        assertEquals("PID-1", patient.id());
    }

    @Test
    void moveNamesRequestorDestinationAndTheArchiveAsSource() {
        AuditEvent e = events.move(ct, Actor.ae("WS", "10.0.0.9"), PatientStudies.of(null, "1.2.3"));
        assertEquals(EventActionCode.R, e.actionCode());
        assertTrue(e.activeParticipants().get(0).hasRole(RoleId.SOURCE));
        assertFalse(e.activeParticipants().get(0).userIsRequestor());
        assertTrue(e.activeParticipants().get(1).hasRole(RoleId.DESTINATION));
        assertEquals("WS", e.activeParticipants().get(1).userId());
        assertTrue(e.activeParticipants().get(2).userIsRequestor());
        assertEquals(1, e.participantObjects().size(), "no patient object without a Patient ID");
    }

    @Test
    void queryCarriesTheIdentifierAsBase64AndItsTransferSyntax() {
        byte[] identifier = {0x10, 0x00, 0x20, 0x00, 'L', 'O', 2, 0, 'P', '1'};
        AuditEvent e = events.query(ct, "1.2.840.10008.5.1.4.1.2.2.1", identifier, "1.2.840.10008.1.2.1");
        assertTrue(e.is(EventId.QUERY));
        assertEquals(EventActionCode.E, e.actionCode());
        ParticipantObject q = e.participantObjects().get(0);
        assertTrue(q.isA(ParticipantObjectIdType.SOP_CLASS_UID));
        assertEquals(ParticipantObject.ROLE_REPORT, q.typeCodeRole());
        assertArrayEquals(identifier, Base64.getDecoder().decode(q.queryBase64()));
        assertEquals(List.of(new ParticipantObject.Detail("TransferSyntax", "1.2.840.10008.1.2.1")), q.details());
    }

    @Test
    void rejectedAssociationIsAFailedNodeAuthenticationWithItsReason() {
        AuditEvent e = events.associationRejected(ct, "PACS", "no certificate bound to CT1");
        assertTrue(e.is(EventId.SECURITY_ALERT));
        assertTrue(e.hasType(EventType.NODE_AUTHENTICATION));
        assertEquals(EventOutcome.MINOR_FAILURE, e.outcome());
        assertEquals("no certificate bound to CT1", e.outcomeDescription());
        assertEquals(EventOutcome.SUCCESS, events.associationAccepted(ct, "PACS").outcome());
    }

    @Test
    void failedLoginIsAMinorFailureAndASuccessfulOneHasNoDescription() {
        AuditEvent failed = events.login(alice, false, "bad password");
        assertTrue(failed.is(EventId.USER_AUTHENTICATION));
        assertTrue(failed.hasType(EventType.LOGIN));
        assertEquals(EventOutcome.MINOR_FAILURE, failed.outcome());
        assertEquals("192.0.2.7", failed.activeParticipants().get(0).networkAccessPointId());
        AuditEvent ok = events.login(alice, true, "ignored");
        assertEquals(EventOutcome.SUCCESS, ok.outcome());
        assertNull(ok.outcomeDescription());
    }

    @Test
    void aeChangeNamesTheAeAndWhatChanged() {
        AuditEvent e = events.aeChange(alice, "CT1", EventActionCode.D, "decommissioned");
        assertTrue(e.hasType(EventType.USER_SECURITY_ATTRIBUTES_CHANGED));
        ParticipantObject subject = e.participantObjects().get(0);
        assertEquals("pacs:ae/CT1", subject.id());
        assertEquals("CT1", subject.name());
        assertEquals("Delete: decommissioned", subject.details().get(0).value());
    }

    @Test
    void configurationChangeRefusesTypesThatAreNotConfiguration() {
        assertThrows(IllegalArgumentException.class,
                () -> events.configurationChange(alice, EventType.LOGIN, "tls.protocols", null));
        AuditEvent e = events.configurationChange(alice, EventType.SECURITY_CONFIGURATION, "tls.protocols", null);
        assertEquals("pacs:config/tls.protocols", e.participantObjects().get(0).id());
    }

    @Test
    void auditLogUsedIsAReadOfTheSecurityAuditLog() {
        AuditEvent e = events.auditLogUsed(alice, "file:///data/audit");
        assertEquals(EventActionCode.R, e.actionCode());
        ParticipantObject log = e.participantObjects().get(0);
        assertEquals(ParticipantObject.ROLE_SECURITY_RESOURCE, log.typeCodeRole());
        assertEquals("Security Audit Log", log.name());
        assertTrue(log.isA(ParticipantObjectIdType.URI));
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditMessageXmlTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.891Z"), ZoneOffset.UTC);
    static final AuditEvents EVENTS = new AuditEvents(AuditSource.of("PACS@archive.example"),
            Actor.ae("PACS", "archive.example"), CLOCK);
    static final Actor CT = Actor.ae("CT1", "10.0.0.5");
    static final Actor ALICE = Actor.user("alice", "192.0.2.7");
    static final PatientStudies STUDIES = PatientStudies.of("PID-42", "1.2.3.4", "1.2.3.5");

    /** One event from every factory. */
    static Stream<Arguments> everyEvent() {
        return Stream.of(
                Arguments.of("applicationStart", EVENTS.applicationStart()),
                Arguments.of("applicationStop", EVENTS.applicationStop()),
                Arguments.of("auditLogUsed", EVENTS.auditLogUsed(ALICE, "file:///data/audit")),
                Arguments.of("associationAccepted", EVENTS.associationAccepted(CT, "PACS")),
                Arguments.of("associationRejected", EVENTS.associationRejected(CT, "PACS", "calling AE not registered")),
                Arguments.of("store", EVENTS.store(CT, STUDIES)),
                Arguments.of("retrieve", EVENTS.retrieve(Actor.ae("VIEWER", "fe80::1"), STUDIES)),
                Arguments.of("move", EVENTS.move(ALICE, Actor.ae("WS2", "10.0.0.9"), STUDIES)),
                Arguments.of("export", EVENTS.export(ALICE, "/mnt/usb", STUDIES)),
                Arguments.of("importInstances", EVENTS.importInstances(ALICE, "/mnt/cd", STUDIES)),
                Arguments.of("query", EVENTS.query(CT, "1.2.840.10008.5.1.4.1.2.2.1", new byte[] {8, 0, 0x52, 0},
                        "1.2.840.10008.1.2.1")),
                Arguments.of("query (web)", EVENTS.query(ALICE, URI.create("https://pacs/dicomweb/studies"),
                        "{\"PatientID\":\"PID-42\"}")),
                Arguments.of("configurationChange", EVENTS.configurationChange(ALICE,
                        EventType.NETWORK_CONFIGURATION, "server.httpsPort", "8443 -> 9443")),
                Arguments.of("aeChange", EVENTS.aeChange(ALICE, "CT1", EventActionCode.C, "certificate bound")),
                Arguments.of("login", EVENTS.login(ALICE, true, null)),
                Arguments.of("login failed", EVENTS.login(ALICE, false, "bad password")),
                Arguments.of("logout", EVENTS.logout(ALICE)),
                Arguments.of("securityAlert", EVENTS.securityAlert(EventType.USE_OF_RESTRICTED_FUNCTION, CT,
                        EventOutcome.MINOR_FAILURE, "C-MOVE to an unregistered destination")));
    }

    static Schema schema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(AuditMessageXmlTest.class.getResource("/audit/dicom-audit-message.xsd"));
    }

    /** Validates against the transcription of PS3.15 §A.5.1; throws with the validator's message if not. */
    static void assertValid(byte[] xml) throws Exception {
        schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Nested
    class EveryFactory {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.pacs.auth.audit.AuditMessageXmlTest#everyEvent")
        void writesMessagesThatMatchTheSchemaShape(String name, AuditEvent event) throws Exception {
            assertValid(AuditMessageXml.write(event));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.pacs.auth.audit.AuditMessageXmlTest#everyEvent")
        void readsBackWhatItWrote(String name, AuditEvent event) {
            assertEquals(event, AuditMessageXml.read(AuditMessageXml.write(event)));
        }
    }

    @Nested
    class HostileText {
        @Test
        void replacesCharactersXmlCannotCarry() throws Exception {
            AuditEvent event = EVENTS.associationRejected(Actor.ae("EVIL\u0001", "10.0.0.66"), "PACS",
                    "bad \u0000 reason \uD800 <&\"'>");
            byte[] xml = AuditMessageXml.write(event);
            assertValid(xml);
            AuditEvent back = AuditMessageXml.read(xml);
            assertEquals("bad \uFFFD reason \uFFFD <&\"'>", back.outcomeDescription());
            assertEquals("EVIL\uFFFD", back.activeParticipants().get(0).userId());
        }

        @Test
        void refusesDocumentTypeDeclarations() {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<AuditMessage>&x;</AuditMessage>";
            assertThrows(IllegalArgumentException.class,
                    () -> AuditMessageXml.read(xxe.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void writesTheEventTimeInUtcWithMilliseconds() {
        String xml = new String(AuditMessageXml.write(EVENTS.applicationStart()), StandardCharsets.UTF_8);
        assertTrue(xml.contains("EventDateTime=\"2026-03-04T05:06:07.891Z\""), xml);
        assertFalse(xml.contains("DOCTYPE"));
    }
}

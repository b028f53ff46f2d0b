// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The DICOM audit message as XML (PS3.15 §A.5.1, element and attribute names as in the schema, no
 * namespace), UTF-8. The trail stores this form and the syslog forwarder sends it, so what an auditor
 * reads back is byte for byte what was recorded. The reader refuses DTDs and external entities.
 */
public final class AuditMessageXml {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = secureInputFactory();

    private AuditMessageXml() {
    }

    private static XMLInputFactory secureInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The message as UTF-8 XML with an XML declaration. */
    public static byte[] write(AuditEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("AuditMessage");
            writeEventIdentification(w, event);
            for (ActiveParticipant p : event.activeParticipants()) {
                writeParticipant(w, p);
            }
            w.writeStartElement("AuditSourceIdentification");
            if (event.auditSource().enterpriseSiteId() != null) {
                attr(w, "AuditEnterpriseSiteID", event.auditSource().enterpriseSiteId());
            }
            attr(w, "AuditSourceID", event.auditSource().auditSourceId());
            w.writeEndElement();
            for (ParticipantObject o : event.participantObjects()) {
                writeObject(w, o);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an audit message", e);
        }
        return out.toByteArray();
    }

    private static void writeEventIdentification(XMLStreamWriter w, AuditEvent e) throws XMLStreamException {
        w.writeStartElement("EventIdentification");
        if (e.actionCode() != null) {
            attr(w, "EventActionCode", e.actionCode().name());
        }
        attr(w, "EventDateTime", DateTimeFormatter.ISO_INSTANT.format(e.dateTime()));
        attr(w, "EventOutcomeIndicator", Integer.toString(e.outcome().indicator()));
        writeCoded(w, "EventID", e.eventId());
        for (CodedValue type : e.eventTypeCodes()) {
            writeCoded(w, "EventTypeCode", type);
        }
        if (e.outcomeDescription() != null) {
            writeText(w, "EventOutcomeDescription", e.outcomeDescription());
        }
        w.writeEndElement();
    }

    private static void writeParticipant(XMLStreamWriter w, ActiveParticipant p) throws XMLStreamException {
        w.writeStartElement("ActiveParticipant");
        attr(w, "UserID", p.userId());
        optionalAttribute(w, "AlternativeUserID", p.alternativeUserId());
        optionalAttribute(w, "UserName", p.userName());
        attr(w, "UserIsRequestor", Boolean.toString(p.userIsRequestor()));
        optionalAttribute(w, "NetworkAccessPointID", p.networkAccessPointId());
        if (p.networkAccessPointTypeCode() != null) {
            attr(w, "NetworkAccessPointTypeCode", p.networkAccessPointTypeCode().toString());
        }
        for (CodedValue role : p.roleIdCodes()) {
            writeCoded(w, "RoleIDCode", role);
        }
        w.writeEndElement();
    }

    private static void writeObject(XMLStreamWriter w, ParticipantObject o) throws XMLStreamException {
        w.writeStartElement("ParticipantObjectIdentification");
        attr(w, "ParticipantObjectID", o.id());
        if (o.typeCode() != null) {
            attr(w, "ParticipantObjectTypeCode", o.typeCode().toString());
        }
        if (o.typeCodeRole() != null) {
            attr(w, "ParticipantObjectTypeCodeRole", o.typeCodeRole().toString());
        }
        writeCoded(w, "ParticipantObjectIDTypeCode", o.idTypeCode());
        if (o.name() != null) {
            writeText(w, "ParticipantObjectName", o.name());
        } else if (o.queryBase64() != null) {
            writeText(w, "ParticipantObjectQuery", o.queryBase64());
        }
        for (ParticipantObject.Detail d : o.details()) {
            w.writeEmptyElement("ParticipantObjectDetail");
            attr(w, "type", d.type());
            attr(w, "value", Base64.getEncoder().encodeToString(d.value().getBytes(StandardCharsets.UTF_8)));
        }
        w.writeEndElement();
    }

    private static void writeCoded(XMLStreamWriter w, String element, CodedValue c) throws XMLStreamException {
        w.writeEmptyElement(element);
        attr(w, "csd-code", c.code());
        attr(w, "codeSystemName", c.codeSystemName());
        attr(w, "originalText", c.originalText());
    }

    private static void writeText(XMLStreamWriter w, String element, String text) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(xmlSafe(text));
        w.writeEndElement();
    }

    private static void attr(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeAttribute(name, xmlSafe(value));
    }

    /**
     * Replaces what XML 1.0 cannot carry (control characters, lone surrogates) by U+FFFD: texts such as a
     * rejection reason may come from a hostile peer, and one bad character must not make a record unreadable.
     */
    static String xmlSafe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (ok) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static void optionalAttribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            attr(w, name, value);
        }
    }

    /**
     * Reads a message written by {@link #write}. Elements this archive does not write (MediaIdentifier,
     * PurposeOfUse, SOPClass, ...) are skipped.
     *
     * @throws IllegalArgumentException not an audit message of the expected shape
     */
    public static AuditEvent read(byte[] xml) {
        try {
            XMLStreamReader r = INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                nextStart(r);
                expect(r, "AuditMessage");
                return readMessage(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a readable audit message: " + e.getMessage(), e);
        }
    }

    private static AuditEvent readMessage(XMLStreamReader r) throws XMLStreamException {
        CodedValue eventId = null;
        EventActionCode action = null;
        Instant dateTime = null;
        EventOutcome outcome = null;
        String description = null;
        List<CodedValue> types = new ArrayList<>();
        List<ActiveParticipant> participants = new ArrayList<>();
        AuditSource source = null;
        List<ParticipantObject> objects = new ArrayList<>();
        while (nextChild(r)) {
            switch (r.getLocalName()) {
                case "EventIdentification" -> {
                    String a = r.getAttributeValue(null, "EventActionCode");
                    action = a == null ? null : EventActionCode.valueOf(a);
                    dateTime = Instant.parse(required(r, "EventDateTime"));
                    outcome = EventOutcome.ofIndicator(Integer.parseInt(required(r, "EventOutcomeIndicator")));
                    while (nextChild(r)) {
                        switch (r.getLocalName()) {
                            case "EventID" -> eventId = readCoded(r);
                            case "EventTypeCode" -> types.add(readCoded(r));
                            case "EventOutcomeDescription" -> description = r.getElementText();
                            default -> skip(r);
                        }
                    }
                }
                case "ActiveParticipant" -> participants.add(readParticipant(r));
                case "AuditSourceIdentification" -> {
                    source = new AuditSource(required(r, "AuditSourceID"),
                            r.getAttributeValue(null, "AuditEnterpriseSiteID"));
                    skip(r);
                }
                case "ParticipantObjectIdentification" -> objects.add(readObject(r));
                default -> skip(r);
            }
        }
        if (eventId == null || dateTime == null) {
            throw new XMLStreamException("EventIdentification without EventID or EventDateTime");
        }
        return new AuditEvent(eventId, action, dateTime, outcome, description, types, participants, source, objects);
    }

    private static ActiveParticipant readParticipant(XMLStreamReader r) throws XMLStreamException {
        String userId = required(r, "UserID");
        String alternative = r.getAttributeValue(null, "AlternativeUserID");
        String userName = r.getAttributeValue(null, "UserName");
        boolean requestor = Boolean.parseBoolean(required(r, "UserIsRequestor"));
        String accessPoint = r.getAttributeValue(null, "NetworkAccessPointID");
        String accessPointType = r.getAttributeValue(null, "NetworkAccessPointTypeCode");
        List<CodedValue> roles = new ArrayList<>();
        while (nextChild(r)) {
            if (r.getLocalName().equals("RoleIDCode")) {
                roles.add(readCoded(r));
            } else {
                skip(r);
            }
        }
        return new ActiveParticipant(userId, alternative, userName, requestor, roles, accessPoint,
                accessPointType == null ? null : Integer.valueOf(accessPointType));
    }

    private static ParticipantObject readObject(XMLStreamReader r) throws XMLStreamException {
        String id = required(r, "ParticipantObjectID");
        Integer typeCode = optionalInt(r, "ParticipantObjectTypeCode");
        Integer role = optionalInt(r, "ParticipantObjectTypeCodeRole");
        CodedValue idType = null;
        String name = null;
        String query = null;
        List<ParticipantObject.Detail> details = new ArrayList<>();
        while (nextChild(r)) {
            switch (r.getLocalName()) {
                case "ParticipantObjectIDTypeCode" -> idType = readCoded(r);
                case "ParticipantObjectName" -> name = r.getElementText();
                case "ParticipantObjectQuery" -> query = r.getElementText().strip();
                case "ParticipantObjectDetail" -> {
                    String type = required(r, "type");
                    String value = new String(Base64.getMimeDecoder().decode(required(r, "value")), StandardCharsets.UTF_8);
                    details.add(new ParticipantObject.Detail(type, value));
                    skip(r);
                }
                default -> skip(r);
            }
        }
        if (idType == null) {
            throw new XMLStreamException("ParticipantObjectIdentification without ParticipantObjectIDTypeCode");
        }
        return new ParticipantObject(id, idType, typeCode, role, name, query, details);
    }

    private static CodedValue readCoded(XMLStreamReader r) throws XMLStreamException {
        CodedValue c = new CodedValue(required(r, "csd-code"), required(r, "codeSystemName"),
                required(r, "originalText"));
        skip(r);
        return c;
    }

    private static String required(XMLStreamReader r, String attribute) throws XMLStreamException {
        String v = r.getAttributeValue(null, attribute);
        if (v == null) {
            throw new XMLStreamException(r.getLocalName() + " without " + attribute);
        }
        return v;
    }

    private static Integer optionalInt(XMLStreamReader r, String attribute) {
        String v = r.getAttributeValue(null, attribute);
        return v == null ? null : Integer.valueOf(v);
    }

    private static void nextStart(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog: declaration, comments, whitespace
        }
    }

    private static void expect(XMLStreamReader r, String name) throws XMLStreamException {
        if (!r.isStartElement() || !r.getLocalName().equals(name)) {
            throw new XMLStreamException("expected <" + name + ">");
        }
    }

    /** Moves to the next child element of the current one; false at the current element's end. */
    private static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        throw new XMLStreamException("unexpected end of document");
    }

    /** Skips to the end of the current element, including any children. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}

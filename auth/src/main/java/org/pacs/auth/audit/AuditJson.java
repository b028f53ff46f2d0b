// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.List;

/**
 * One record as a single line of JSON (for {@code pacs audit list --json} and log tooling), with the
 * schema's field names: {@code {"sequence":1,"EventID":{...},"EventActionCode":"C",...}}.
 */
public final class AuditJson {

    private AuditJson() {
    }

    public static String write(AuditRecord record) {
        AuditEvent e = record.event();
        StringBuilder j = new StringBuilder(512).append('{');
        j.append("\"sequence\":").append(record.sequence());
        j.append(",\"EventID\":");
        coded(j, e.eventId());
        field(j, "EventActionCode", e.actionCode() == null ? null : e.actionCode().name());
        field(j, "EventDateTime", e.dateTime().toString());
        j.append(",\"EventOutcomeIndicator\":").append(e.outcome().indicator());
        field(j, "EventOutcomeDescription", e.outcomeDescription());
        j.append(",\"EventTypeCode\":[");
        list(j, e.eventTypeCodes(), (b, c) -> coded(b, c));
        j.append("],\"ActiveParticipant\":[");
        list(j, e.activeParticipants(), AuditJson::participant);
        j.append("],\"AuditSourceIdentification\":{");
        string(j.append("\"AuditSourceID\":"), e.auditSource().auditSourceId());
        field(j, "AuditEnterpriseSiteID", e.auditSource().enterpriseSiteId());
        j.append("},\"ParticipantObjectIdentification\":[");
        list(j, e.participantObjects(), AuditJson::object);
        return j.append("]}").toString();
    }

    private static void participant(StringBuilder j, ActiveParticipant p) {
        string(j.append("{\"UserID\":"), p.userId());
        field(j, "AlternativeUserID", p.alternativeUserId());
        field(j, "UserName", p.userName());
        j.append(",\"UserIsRequestor\":").append(p.userIsRequestor());
        field(j, "NetworkAccessPointID", p.networkAccessPointId());
        if (p.networkAccessPointTypeCode() != null) {
            j.append(",\"NetworkAccessPointTypeCode\":").append(p.networkAccessPointTypeCode());
        }
        j.append(",\"RoleIDCode\":[");
        list(j, p.roleIdCodes(), AuditJson::coded);
        j.append("]}");
    }

    private static void object(StringBuilder j, ParticipantObject o) {
        string(j.append("{\"ParticipantObjectID\":"), o.id());
        j.append(",\"ParticipantObjectIDTypeCode\":");
        coded(j, o.idTypeCode());
        if (o.typeCode() != null) {
            j.append(",\"ParticipantObjectTypeCode\":").append(o.typeCode());
        }
        if (o.typeCodeRole() != null) {
            j.append(",\"ParticipantObjectTypeCodeRole\":").append(o.typeCodeRole());
        }
        field(j, "ParticipantObjectName", o.name());
        field(j, "ParticipantObjectQuery", o.queryBase64());
        j.append(",\"ParticipantObjectDetail\":[");
        list(j, o.details(), (b, d) -> {
            string(b.append("{\"type\":"), d.type());
            string(b.append(",\"value\":"), d.value());
            b.append('}');
        });
        j.append("]}");
    }

    private static void coded(StringBuilder j, CodedValue c) {
        string(j.append("{\"csd-code\":"), c.code());
        string(j.append(",\"codeSystemName\":"), c.codeSystemName());
        string(j.append(",\"originalText\":"), c.originalText());
        j.append('}');
    }

    private static <T> void list(StringBuilder j, List<T> items, java.util.function.BiConsumer<StringBuilder, T> each) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                j.append(',');
            }
            each.accept(j, items.get(i));
        }
    }

    private static void field(StringBuilder j, String name, String value) {
        if (value != null) {
            string(j.append(",\"").append(name).append("\":"), value);
        }
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder j, String s) {
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '\n' -> j.append("\\n");
                case '\r' -> j.append("\\r");
                case '\t' -> j.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        j.append(String.format("\\u%04x", (int) c));
                    } else {
                        j.append(c);
                    }
                }
            }
        }
        j.append('"');
    }
}

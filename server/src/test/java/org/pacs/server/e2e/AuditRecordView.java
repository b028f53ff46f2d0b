// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.io.IOException;
import java.util.List;
import org.pacs.dicom.json.JsonParser;
import org.pacs.dicom.json.JsonValue;
import org.pacs.dicom.json.JsonValue.JsonArray;
import org.pacs.dicom.json.JsonValue.JsonBoolean;
import org.pacs.dicom.json.JsonValue.JsonNumber;
import org.pacs.dicom.json.JsonValue.JsonObject;
import org.pacs.dicom.json.JsonValue.JsonString;

/**
 * What a test needs of one line of {@code ./pacs audit list --json} (a PS3.15 §A.5 audit message): the
 * event and its type codes, the outcome (0 success, 4 minor failure, 8 serious, 12 major), the
 * requesting participant and the participant object IDs.
 */
record AuditRecordView(long sequence, String event, List<String> eventTypes, int outcome, String description,
        List<String> requestors, List<String> participants, List<String> objectIds, String json) {

    static AuditRecordView parse(String line) {
        JsonObject o;
        try {
            o = (JsonObject) JsonParser.parse(line);
        } catch (IOException e) {
            throw new AssertionError("audit list --json printed a line that is not JSON: " + line, e);
        }
        List<String> requestors = elements(o, "ActiveParticipant").stream()
                .filter(p -> p.get("UserIsRequestor") instanceof JsonBoolean b && b.value())
                .map(p -> text(p, "UserID")).toList();
        return new AuditRecordView(Long.parseLong(((JsonNumber) o.get("sequence")).text()),
                text((JsonObject) o.get("EventID"), "originalText"),
                elements(o, "EventTypeCode").stream().map(t -> text(t, "originalText")).toList(),
                Integer.parseInt(((JsonNumber) o.get("EventOutcomeIndicator")).text()),
                text(o, "EventOutcomeDescription"), requestors,
                elements(o, "ActiveParticipant").stream().map(p -> text(p, "UserID")).toList(),
                elements(o, "ParticipantObjectIdentification").stream().map(p -> text(p, "ParticipantObjectID")).toList(),
                line);
    }

    boolean isSuccess() {
        return outcome == 0;
    }

    /** PS3.15 §A.5.3.11 Security Alert / Node Authentication: how the archive audits association decisions. */
    boolean isNodeAuthentication() {
        return event.equals("Security Alert") && eventTypes.contains("Node Authentication");
    }

    /** PS3.15 §A.5.3.3 DICOM Instances Transferred: how the archive audits C-STORE. */
    boolean isInstancesTransferred() {
        return event.equals("DICOM Instances Transferred");
    }

    boolean requestedBy(String aeTitle) {
        return requestors.contains(aeTitle);
    }

    boolean describes(String text) {
        return description != null && description.contains(text);
    }

    private static List<JsonObject> elements(JsonObject o, String key) {
        return o.get(key) instanceof JsonArray a
                ? a.elements().stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList()
                : List.of();
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v instanceof JsonString s ? s.value() : null;
    }

    @Override
    public String toString() {
        return json;
    }
}

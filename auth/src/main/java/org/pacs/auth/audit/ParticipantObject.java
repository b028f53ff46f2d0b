// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.List;
import java.util.Objects;

/**
 * An object the event was about (PS3.15 §A.5.1 ParticipantObjectIdentification, §A.5.2): a study, a
 * patient, a query, the audit log, the subject of a security alert. Optional fields are {@code null}
 * when absent; ParticipantObjectName and ParticipantObjectQuery exclude each other in the schema.
 *
 * @param typeCode ParticipantObjectTypeCode: {@link #PERSON}, {@link #SYSTEM_OBJECT}, ... or null
 * @param typeCodeRole ParticipantObjectTypeCodeRole (RFC 3881): {@link #ROLE_PATIENT}, {@link #ROLE_REPORT}, ...
 * @param queryBase64 ParticipantObjectQuery as the message carries it: base64 of the query (for C-FIND the
 *     identifier data set as received, for DICOMweb the query keys as JSON)
 * @param details ParticipantObjectDetail type/value pairs; the value is text here and base64 in the XML
 */
public record ParticipantObject(String id, CodedValue idTypeCode, Integer typeCode, Integer typeCodeRole,
        String name, String queryBase64, List<Detail> details) {

    public static final int PERSON = 1;
    public static final int SYSTEM_OBJECT = 2;
    public static final int ORGANIZATION = 3;
    public static final int OTHER = 4;

    public static final int ROLE_PATIENT = 1;
    public static final int ROLE_REPORT = 3;
    public static final int ROLE_MASTER_FILE = 5;
    public static final int ROLE_SECURITY_USER_ENTITY = 11;
    public static final int ROLE_SECURITY_RESOURCE = 13;
    public static final int ROLE_DATA_DESTINATION = 16;
    public static final int ROLE_QUERY = 24;

    /** One ParticipantObjectDetail. */
    public record Detail(String type, String value) {
        public Detail {
            CodedValue.requireText(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    public ParticipantObject {
        CodedValue.requireText(id, "id");
        Objects.requireNonNull(idTypeCode, "idTypeCode");
        if (name != null && queryBase64 != null) {
            throw new IllegalArgumentException("ParticipantObjectName and ParticipantObjectQuery exclude each other");
        }
        if (typeCode != null && (typeCode < 1 || typeCode > 4)) {
            throw new IllegalArgumentException("ParticipantObjectTypeCode must be 1..4, was " + typeCode);
        }
        details = List.copyOf(Objects.requireNonNullElse(details, List.of()));
    }

    /** Whether the ID is of type {@code type}. */
    public boolean isA(ParticipantObjectIdType type) {
        return type.coded().sameCode(idTypeCode);
    }
}

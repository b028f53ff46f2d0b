// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.Objects;

/**
 * A coded value as the DICOM audit message schema writes it (PS3.15 §A.5.1, {@code CodedValueType}):
 * {@code csd-code}, {@code codeSystemName} and {@code originalText}, which carries the Code Meaning.
 */
public record CodedValue(String code, String codeSystemName, String originalText) {

    /** Coding scheme designator of the DICOM controlled terminology (PS3.16). */
    public static final String DCM = "DCM";
    /** Code system of the codes RFC 3881 defines (participant object ID types). */
    public static final String RFC_3881 = "RFC-3881";

    public CodedValue {
        requireText(code, "code");
        requireText(codeSystemName, "codeSystemName");
        requireText(originalText, "originalText");
    }

    /** A code of the DICOM controlled terminology, e.g. {@code dcm("110104", "DICOM Instances Transferred")}. */
    public static CodedValue dcm(String code, String meaning) {
        return new CodedValue(code, DCM, meaning);
    }

    public static CodedValue rfc3881(String code, String meaning) {
        return new CodedValue(code, RFC_3881, meaning);
    }

    /** Same code and system: the meaning is display text and does not change identity. */
    public boolean sameCode(CodedValue other) {
        return other != null && code.equals(other.code) && codeSystemName.equals(other.codeSystemName);
    }

    @Override
    public String toString() {
        return "(" + code + ", " + codeSystemName + ", \"" + originalText + "\")";
    }

    static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }
}

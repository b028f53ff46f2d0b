// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON value (RFC 8259) with the character offset where it starts in its document, so a
 * decoder can say where a bad value is. Equality ignores offsets. Numbers keep their exact text.
 */
public sealed interface JsonValue {
    /** Offset of the value's first character from the start of the document (0-based). */
    long offset();

    /** A JSON object; members in document order, keys unique. */
    record JsonObject(Map<String, JsonValue> members, long offset) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(members);
        }

        public JsonValue get(String key) {
            return members.get(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonObject other && members.equals(other.members);
        }

        @Override
        public int hashCode() {
            return members.hashCode();
        }
    }

    record JsonArray(List<JsonValue> elements, long offset) implements JsonValue {
        public JsonArray {
            elements = Collections.unmodifiableList(elements);
        }

        public int size() {
            return elements.size();
        }

        public JsonValue get(int index) {
            return elements.get(index);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonArray other && elements.equals(other.elements);
        }

        @Override
        public int hashCode() {
            return elements.hashCode();
        }
    }

    record JsonString(String value, long offset) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonString other && value.equals(other.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    /** A number as written in the document (already checked against the RFC 8259 grammar). */
    record JsonNumber(String text, long offset) implements JsonValue {
        public JsonNumber {
            Objects.requireNonNull(text);
        }

        /** The exact value; never rounds. */
        public BigDecimal decimal() {
            return new BigDecimal(text);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber other && text.equals(other.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    record JsonBoolean(boolean value, long offset) implements JsonValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof JsonBoolean other && value == other.value;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(value);
        }
    }

    record JsonNull(long offset) implements JsonValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNull;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}

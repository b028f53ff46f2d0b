// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 §6.3, Annex E): the group 0000 elements of one message, always
 * encoded in Implicit VR Little Endian. Command elements form a closed set with known VRs, so this
 * small codec needs no data dictionary. Values are {@code Integer} (UL, US), {@code String} (UI,
 * AE, LO) or {@code int[]} (AT).
 *
 * <pre>{@code
 * CommandSet rq = CommandSet.request(Dimse.C_ECHO_RQ, 1, "1.2.840.10008.1.1", null);
 * byte[] encoded = rq.encode();
 * }</pre>
 */
public final class CommandSet {

    public static final int GROUP_LENGTH = 0x00000000;
    public static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    public static final int REQUESTED_SOP_CLASS_UID = 0x00000003;
    public static final int COMMAND_FIELD = 0x00000100;
    public static final int MESSAGE_ID = 0x00000110;
    public static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    public static final int MOVE_DESTINATION = 0x00000600;
    public static final int PRIORITY = 0x00000700;
    public static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    public static final int STATUS = 0x00000900;
    public static final int OFFENDING_ELEMENT = 0x00000901;
    public static final int ERROR_COMMENT = 0x00000902;
    public static final int ERROR_ID = 0x00000903;
    public static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    public static final int REQUESTED_SOP_INSTANCE_UID = 0x00001001;
    public static final int EVENT_TYPE_ID = 0x00001002;
    public static final int ATTRIBUTE_IDENTIFIER_LIST = 0x00001005;
    public static final int ACTION_TYPE_ID = 0x00001008;
    public static final int NUMBER_OF_REMAINING_SUBOPERATIONS = 0x00001020;
    public static final int NUMBER_OF_COMPLETED_SUBOPERATIONS = 0x00001021;
    public static final int NUMBER_OF_FAILED_SUBOPERATIONS = 0x00001022;
    public static final int NUMBER_OF_WARNING_SUBOPERATIONS = 0x00001023;
    public static final int MOVE_ORIGINATOR_AE_TITLE = 0x00001030;
    public static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    private enum Kind { UL, US, UI, AE, LO, AT }

    private final TreeMap<Integer, Object> elements = new TreeMap<>(Integer::compareUnsigned);

    /** A request: command field, message ID, affected SOP class and whether a data set follows. */
    public static CommandSet request(int commandField, int messageId, String affectedSopClass, Boolean dataSet) {
        CommandSet c = new CommandSet();
        if (affectedSopClass != null) {
            c.setString(AFFECTED_SOP_CLASS_UID, affectedSopClass);
        }
        c.setInt(COMMAND_FIELD, commandField);
        c.setInt(MESSAGE_ID, messageId);
        c.setInt(COMMAND_DATA_SET_TYPE, Boolean.TRUE.equals(dataSet) ? Dimse.DATA_SET_PRESENT : Dimse.NO_DATA_SET);
        return c;
    }

    /** The response to {@code rq}, echoing its SOP class and instance as PS3.7 requires. */
    public static CommandSet response(CommandSet rq, int status, boolean dataSet) {
        CommandSet c = new CommandSet();
        String sopClass = rq.getString(AFFECTED_SOP_CLASS_UID);
        if (sopClass == null) {
            sopClass = rq.getString(REQUESTED_SOP_CLASS_UID);
        }
        if (sopClass != null) {
            c.setString(AFFECTED_SOP_CLASS_UID, sopClass);
        }
        c.setInt(COMMAND_FIELD, rq.commandField() | Dimse.RSP);
        c.setInt(MESSAGE_ID_BEING_RESPONDED_TO, rq.messageId());
        c.setInt(COMMAND_DATA_SET_TYPE, dataSet ? Dimse.DATA_SET_PRESENT : Dimse.NO_DATA_SET);
        c.setInt(STATUS, status);
        String instance = rq.getString(AFFECTED_SOP_INSTANCE_UID);
        if (instance == null) {
            instance = rq.getString(REQUESTED_SOP_INSTANCE_UID);
        }
        if (instance != null && rq.commandField() != Dimse.C_FIND_RQ && rq.commandField() != Dimse.C_MOVE_RQ
                && rq.commandField() != Dimse.C_GET_RQ) {
            c.setString(AFFECTED_SOP_INSTANCE_UID, instance);
        }
        return c;
    }

    public int commandField() {
        return getInt(COMMAND_FIELD, -1);
    }

    public int messageId() {
        return getInt(MESSAGE_ID, -1);
    }

    public int messageIdBeingRespondedTo() {
        return getInt(MESSAGE_ID_BEING_RESPONDED_TO, -1);
    }

    public int status() {
        return getInt(STATUS, -1);
    }

    public boolean hasDataSet() {
        return getInt(COMMAND_DATA_SET_TYPE, Dimse.NO_DATA_SET) != Dimse.NO_DATA_SET;
    }

    public boolean isResponse() {
        return Dimse.isResponse(commandField());
    }

    public CommandSet setInt(int tag, int value) {
        Kind k = kind(tag);
        if (k != Kind.US && k != Kind.UL) {
            throw new IllegalArgumentException(tagString(tag) + " is not numeric");
        }
        if (k == Kind.US && (value < 0 || value > 0xffff)) {
            throw new IllegalArgumentException(tagString(tag) + " is US: " + value);
        }
        elements.put(tag, value);
        return this;
    }

    public CommandSet setString(int tag, String value) {
        Kind k = kind(tag);
        if (k != Kind.UI && k != Kind.AE && k != Kind.LO) {
            throw new IllegalArgumentException(tagString(tag) + " is not a string");
        }
        elements.put(tag, value);
        return this;
    }

    public CommandSet setTags(int tag, int... tags) {
        if (kind(tag) != Kind.AT) {
            throw new IllegalArgumentException(tagString(tag) + " is not AT");
        }
        elements.put(tag, tags.clone());
        return this;
    }

    public int getInt(int tag, int defaultValue) {
        return elements.get(tag) instanceof Integer i ? i : defaultValue;
    }

    public String getString(int tag) {
        return elements.get(tag) instanceof String s ? s : null;
    }

    public int[] getTags(int tag) {
        return elements.get(tag) instanceof int[] a ? a.clone() : null;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public void remove(int tag) {
        elements.remove(tag);
    }

    /** Encodes the command set, Command Group Length first (PS3.7 §E.1). */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(128);
        for (Map.Entry<Integer, Object> e : elements.entrySet()) {
            if (e.getKey() != GROUP_LENGTH) {
                writeElement(body, e.getKey(), valueBytes(e.getKey(), e.getValue()));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        writeElement(out, GROUP_LENGTH, le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * Decodes a command set. Strict: only group 0000, lengths within the buffer, values of the
     * right size for their VR.
     *
     * @throws IllegalArgumentException for anything malformed
     */
    public static CommandSet decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CommandSet c = new CommandSet();
        while (b.hasRemaining()) {
            if (b.remaining() < 8) {
                throw new IllegalArgumentException("truncated command element header");
            }
            int group = b.getShort() & 0xffff;
            int element = b.getShort() & 0xffff;
            long length = b.getInt() & 0xffffffffL;
            if (group != 0) {
                throw new IllegalArgumentException("element outside group 0000 in a command set");
            }
            if (length > b.remaining()) {
                throw new IllegalArgumentException("command element length " + length + " exceeds the command set");
            }
            byte[] value = new byte[(int) length];
            b.get(value);
            int tag = element;
            Kind k = KINDS.get(tag);
            if (k == null) {
                continue; // retired or unknown command elements are ignored
            }
            c.elements.put(tag, parse(tag, k, value));
        }
        if (c.commandField() < 0) {
            throw new IllegalArgumentException("command set without Command Field");
        }
        return c;
    }

    private static Object parse(int tag, Kind k, byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        switch (k) {
            case UL -> {
                requireSize(tag, v, 4);
                return b.getInt();
            }
            case US -> {
                requireSize(tag, v, 2);
                return b.getShort() & 0xffff;
            }
            case AT -> {
                if (v.length % 4 != 0) {
                    throw new IllegalArgumentException(tagString(tag) + " AT length " + v.length);
                }
                int[] tags = new int[v.length / 4];
                for (int i = 0; i < tags.length; i++) {
                    tags[i] = ((b.getShort() & 0xffff) << 16) | (b.getShort() & 0xffff);
                }
                return tags;
            }
            default -> {
                int n = v.length;
                while (n > 0 && (v[n - 1] == 0 || v[n - 1] == ' ')) {
                    n--;
                }
                int start = 0;
                while (k == Kind.AE && start < n && v[start] == ' ') {
                    start++;
                }
                return new String(v, start, n - start, k == Kind.LO ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
            }
        }
    }

    private static void requireSize(int tag, byte[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException(tagString(tag) + " has length " + v.length + ", expected " + n);
        }
    }

    private static byte[] valueBytes(int tag, Object value) {
        Kind k = kind(tag);
        return switch (k) {
            case UL -> le32((Integer) value);
            case US -> new byte[] {(byte) (int) (Integer) value, (byte) ((Integer) value >> 8)};
            case AT -> {
                int[] tags = (int[]) value;
                ByteBuffer b = ByteBuffer.allocate(tags.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int t : tags) {
                    b.putShort((short) (t >>> 16)).putShort((short) t);
                }
                yield b.array();
            }
            default -> {
                byte[] s = ((String) value).getBytes(k == Kind.LO ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
                if (s.length % 2 == 0) {
                    yield s;
                }
                byte[] padded = java.util.Arrays.copyOf(s, s.length + 1);
                padded[s.length] = k == Kind.UI ? 0 : (byte) ' ';
                yield padded;
            }
        };
    }

    private static void writeElement(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(0);
        out.write(0);
        out.write(tag);
        out.write(tag >> 8);
        out.writeBytes(le32(value.length));
        out.writeBytes(value);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static Kind kind(int tag) {
        Kind k = KINDS.get(tag);
        if (k == null) {
            throw new IllegalArgumentException("not a command element: " + tagString(tag));
        }
        return k;
    }

    private static String tagString(int tag) {
        return String.format("(0000,%04X)", tag & 0xffff);
    }

    private static final Map<Integer, Kind> KINDS = Map.ofEntries(Map.entry(GROUP_LENGTH, Kind.UL),
            Map.entry(AFFECTED_SOP_CLASS_UID, Kind.UI), Map.entry(REQUESTED_SOP_CLASS_UID, Kind.UI),
            Map.entry(COMMAND_FIELD, Kind.US), Map.entry(MESSAGE_ID, Kind.US),
            Map.entry(MESSAGE_ID_BEING_RESPONDED_TO, Kind.US), Map.entry(MOVE_DESTINATION, Kind.AE),
            Map.entry(PRIORITY, Kind.US), Map.entry(COMMAND_DATA_SET_TYPE, Kind.US), Map.entry(STATUS, Kind.US),
            Map.entry(OFFENDING_ELEMENT, Kind.AT), Map.entry(ERROR_COMMENT, Kind.LO), Map.entry(ERROR_ID, Kind.US),
            Map.entry(AFFECTED_SOP_INSTANCE_UID, Kind.UI), Map.entry(REQUESTED_SOP_INSTANCE_UID, Kind.UI),
            Map.entry(EVENT_TYPE_ID, Kind.US), Map.entry(ATTRIBUTE_IDENTIFIER_LIST, Kind.AT),
            Map.entry(ACTION_TYPE_ID, Kind.US), Map.entry(NUMBER_OF_REMAINING_SUBOPERATIONS, Kind.US),
            Map.entry(NUMBER_OF_COMPLETED_SUBOPERATIONS, Kind.US), Map.entry(NUMBER_OF_FAILED_SUBOPERATIONS, Kind.US),
            Map.entry(NUMBER_OF_WARNING_SUBOPERATIONS, Kind.US), Map.entry(MOVE_ORIGINATOR_AE_TITLE, Kind.AE),
            Map.entry(MOVE_ORIGINATOR_MESSAGE_ID, Kind.US));

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(Dimse.name(commandField())).append('[');
        elements.forEach((tag, v) -> {
            if (tag != COMMAND_FIELD) {
                b.append(tagString(tag)).append('=').append(v instanceof int[] a ? java.util.Arrays.toString(a) : v)
                        .append(' ');
            }
        });
        return b.append(']').toString();
    }
}

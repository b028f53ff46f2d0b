// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An audit message as an RFC 5424 syslog message in RFC 5425 octet-counting framing
 * ({@code MSG-LEN SP SYSLOG-MSG}). PS3.15 §A.6/§A.7: facility 10 (security/authorization), severity 5
 * (notice), so PRI is 85; MSGID {@code DICOM+RFC3881}; MSG the audit message XML, UTF-8 with a BOM
 * (RFC 5424 §6.4). The record's sequence number travels as the registered {@code [meta sequenceId]}
 * (RFC 5424 §7.3.1), so a collector can see gaps and restarts.
 */
final class SyslogMessage {

    static final int PRI = 10 * 8 + 5;
    static final String MSGID = "DICOM+RFC3881";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private SyslogMessage() {
    }

    /** The framed message, ready to write to the TLS connection. */
    static byte[] frame(Instant timestamp, String hostName, String appName, String procId, long sequence,
            byte[] auditMessageXml) {
        byte[] message = message(timestamp, hostName, appName, procId, sequence, auditMessageXml);
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length.length + message.length);
        out.writeBytes(length);
        out.writeBytes(message);
        return out.toByteArray();
    }

    /** SYSLOG-MSG = HEADER SP STRUCTURED-DATA SP MSG (RFC 5424 §6). */
    static byte[] message(Instant timestamp, String hostName, String appName, String procId, long sequence,
            byte[] auditMessageXml) {
        // sequenceId is 1..2147483647 and wraps (RFC 5424 §7.3.1.1).
        long sequenceId = (sequence - 1) % Integer.MAX_VALUE + 1;
        String header = "<" + PRI + ">1 " + TIMESTAMP.format(timestamp) + " " + field(hostName, 255) + " "
                + field(appName, 48) + " " + field(procId, 128) + " " + MSGID + " [meta sequenceId=\"" + sequenceId
                + "\"] ";
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + 3 + auditMessageXml.length);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BOM);
        out.writeBytes(auditMessageXml);
        return out.toByteArray();
    }

    /** A header field: printable US-ASCII without spaces (RFC 5424 §6.2), or the NILVALUE "-". */
    static String field(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < maxLength; i++) {
            char c = value.charAt(i);
            b.append(c >= 33 && c <= 126 ? c : '_');
        }
        return b.toString();
    }
}

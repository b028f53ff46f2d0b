// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * A-ABORT PDU (PS3.8 §9.3.8, Table 9-26): who aborted and, for the service provider, why.
 *
 * @param source {@link #SERVICE_USER} or {@link #SERVICE_PROVIDER}
 * @param reason one of the {@code REASON_*} values; 0 when the source is the service user
 */
public record AAbort(int source, int reason) implements Pdu {

    public static final int SERVICE_USER = 0;
    public static final int SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int UNRECOGNIZED_PDU = 1;
    public static final int UNEXPECTED_PDU = 2;
    public static final int UNRECOGNIZED_PDU_PARAMETER = 4;
    public static final int UNEXPECTED_PDU_PARAMETER = 5;
    public static final int INVALID_PDU_PARAMETER_VALUE = 6;

    public AAbort {
        if (source != SERVICE_USER && source != 1 && source != SERVICE_PROVIDER) {
            throw new IllegalArgumentException("A-ABORT source " + source);
        }
        if (reason < 0 || reason > 6 || reason == 3) {
            throw new IllegalArgumentException("A-ABORT reason " + reason);
        }
    }

    /** An abort requested by the local service user (source 0, reason 0). */
    public static AAbort byServiceUser() {
        return new AAbort(SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    /** An abort initiated by the upper-layer service provider with the given reason. */
    public static AAbort byServiceProvider(int reason) {
        return new AAbort(SERVICE_PROVIDER, reason);
    }

    @Override
    public int type() {
        return A_ABORT;
    }

    @Override
    public String toString() {
        return "A-ABORT[source=" + source + ", reason=" + reasonText() + "]";
    }

    /** The standard's name of the reason, for the one log line that explains an abort. */
    public String reasonText() {
        if (source != SERVICE_PROVIDER) {
            return "service-user";
        }
        return switch (reason) {
            case UNRECOGNIZED_PDU -> "unrecognized-PDU";
            case UNEXPECTED_PDU -> "unexpected-PDU";
            case UNRECOGNIZED_PDU_PARAMETER -> "unrecognized-PDU-parameter";
            case UNEXPECTED_PDU_PARAMETER -> "unexpected-PDU-parameter";
            case INVALID_PDU_PARAMETER_VALUE -> "invalid-PDU-parameter-value";
            default -> "reason-not-specified";
        };
    }
}

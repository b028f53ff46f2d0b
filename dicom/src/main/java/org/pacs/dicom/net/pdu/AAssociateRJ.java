// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * A-ASSOCIATE-RJ PDU (PS3.8 §9.3.4, Table 9-21): result, source and reason/diagnostic.
 */
public record AAssociateRJ(int result, int source, int reason) implements Pdu {

    public static final int REJECTED_PERMANENT = 1;
    public static final int REJECTED_TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Reasons when the source is the service user. */
    public static final int USER_NO_REASON_GIVEN = 1;
    public static final int USER_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED = 2;
    public static final int USER_CALLING_AE_TITLE_NOT_RECOGNIZED = 3;
    public static final int USER_CALLED_AE_TITLE_NOT_RECOGNIZED = 7;
    /** Reasons when the source is the service provider (ACSE related function). */
    public static final int ACSE_NO_REASON_GIVEN = 1;
    public static final int ACSE_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    /** Reasons when the source is the service provider (presentation related function). */
    public static final int PRESENTATION_TEMPORARY_CONGESTION = 1;
    public static final int PRESENTATION_LOCAL_LIMIT_EXCEEDED = 2;

    public AAssociateRJ {
        if (result != REJECTED_PERMANENT && result != REJECTED_TRANSIENT) {
            throw new IllegalArgumentException("A-ASSOCIATE-RJ result " + result);
        }
        boolean validReason = switch (source) {
            case SOURCE_SERVICE_USER -> reason == 1 || reason == 2 || reason == 3 || reason == 7;
            case SOURCE_SERVICE_PROVIDER_ACSE -> reason == 1 || reason == 2;
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> reason == 1 || reason == 2;
            default -> throw new IllegalArgumentException("A-ASSOCIATE-RJ source " + source);
        };
        if (!validReason) {
            throw new IllegalArgumentException("A-ASSOCIATE-RJ reason " + reason + " for source " + source);
        }
    }

    @Override
    public int type() {
        return A_ASSOCIATE_RJ;
    }
}

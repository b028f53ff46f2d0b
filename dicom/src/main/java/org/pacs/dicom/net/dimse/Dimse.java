// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

/**
 * DIMSE command fields and priorities (PS3.7 §9.3 and §10.3, Annex E). A response's command field
 * is its request's with bit 15 set.
 */
public final class Dimse {

    private Dimse() {
    }

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int N_EVENT_REPORT_RQ = 0x0100;
    public static final int N_GET_RQ = 0x0110;
    public static final int N_SET_RQ = 0x0120;
    public static final int N_ACTION_RQ = 0x0130;
    public static final int N_CREATE_RQ = 0x0140;
    public static final int N_DELETE_RQ = 0x0150;
    public static final int C_CANCEL_RQ = 0x0FFF;

    public static final int RSP = 0x8000;
    public static final int C_STORE_RSP = C_STORE_RQ | RSP;
    public static final int C_GET_RSP = C_GET_RQ | RSP;
    public static final int C_FIND_RSP = C_FIND_RQ | RSP;
    public static final int C_MOVE_RSP = C_MOVE_RQ | RSP;
    public static final int C_ECHO_RSP = C_ECHO_RQ | RSP;
    public static final int N_EVENT_REPORT_RSP = N_EVENT_REPORT_RQ | RSP;
    public static final int N_GET_RSP = N_GET_RQ | RSP;
    public static final int N_SET_RSP = N_SET_RQ | RSP;
    public static final int N_ACTION_RSP = N_ACTION_RQ | RSP;
    public static final int N_CREATE_RSP = N_CREATE_RQ | RSP;
    public static final int N_DELETE_RSP = N_DELETE_RQ | RSP;

    /** Command Data Set Type (0000,0800): the value that means "no data set". */
    public static final int NO_DATA_SET = 0x0101;
    /** Any other value means a data set follows; this is the one we send. */
    public static final int DATA_SET_PRESENT = 0x0000;

    public static final int PRIORITY_MEDIUM = 0x0000;
    public static final int PRIORITY_HIGH = 0x0001;
    public static final int PRIORITY_LOW = 0x0002;

    public static boolean isResponse(int commandField) {
        return (commandField & RSP) != 0;
    }

    /** The standard's name of a command field, e.g. "C-STORE-RQ". */
    public static String name(int commandField) {
        String base = switch (commandField & ~RSP) {
            case C_STORE_RQ -> "C-STORE";
            case C_GET_RQ -> "C-GET";
            case C_FIND_RQ -> "C-FIND";
            case C_MOVE_RQ -> "C-MOVE";
            case C_ECHO_RQ -> "C-ECHO";
            case N_EVENT_REPORT_RQ -> "N-EVENT-REPORT";
            case N_GET_RQ -> "N-GET";
            case N_SET_RQ -> "N-SET";
            case N_ACTION_RQ -> "N-ACTION";
            case N_CREATE_RQ -> "N-CREATE";
            case N_DELETE_RQ -> "N-DELETE";
            case C_CANCEL_RQ -> "C-CANCEL";
            default -> "0x" + Integer.toHexString(commandField);
        };
        return base + (isResponse(commandField) ? "-RSP" : "-RQ");
    }
}

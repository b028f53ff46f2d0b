// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

/**
 * DIMSE status values and their classes (PS3.7 Annex C): success, pending, cancel, warning and
 * failure.
 */
public final class Status {

    private Status() {
    }

    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    /** Pending, but one or more optional keys were not supported (C-FIND). */
    public static final int PENDING_WARNING = 0xFF01;
    public static final int CANCEL = 0xFE00;

    /** Warning: Attribute list error (N-GET/N-SET), or coercion of data elements (C-STORE 0xB000). */
    public static final int ATTRIBUTE_LIST_ERROR = 0x0107;
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int ELEMENTS_DISCARDED = 0xB006;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
    /** Warning: sub-operations complete, one or more failures (C-MOVE, C-GET). */
    public static final int SUB_OPERATIONS_COMPLETE_WITH_FAILURES = 0xB000;

    public static final int NO_SUCH_SOP_CLASS = 0x0118;
    public static final int NO_SUCH_SOP_INSTANCE = 0x0112;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    public static final int NO_SUCH_ACTION_TYPE = 0x0123;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int NOT_AUTHORIZED = 0x0124;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int MISTYPED_ARGUMENT = 0x0212;
    public static final int RESOURCE_LIMITATION = 0x0213;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int OUT_OF_RESOURCES_SUB_OPERATIONS = 0xA702;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int UNABLE_TO_PROCESS = 0xC000;
    public static final int CANNOT_UNDERSTAND = 0xC000;

    public static boolean isPending(int status) {
        return status == PENDING || status == PENDING_WARNING;
    }

    public static boolean isCancel(int status) {
        return status == CANCEL;
    }

    public static boolean isSuccess(int status) {
        return status == SUCCESS;
    }

    /** Warning classes: 0001, 0107, 0116, Bxxx (PS3.7 §C.3). */
    public static boolean isWarning(int status) {
        return status == 0x0001 || status == 0x0107 || status == 0x0116 || (status & 0xF000) == 0xB000;
    }

    /** Everything else is a failure. */
    public static boolean isFailure(int status) {
        return !isSuccess(status) && !isPending(status) && !isCancel(status) && !isWarning(status);
    }

    /** True for the status that ends a (possibly multi-response) operation. */
    public static boolean isFinal(int status) {
        return !isPending(status);
    }
}

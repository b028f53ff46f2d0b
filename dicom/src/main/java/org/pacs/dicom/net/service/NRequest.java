// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

/**
 * A DIMSE-N request (PS3.7 §10.1): the command field, the SOP class and instance it is about, the
 * event or action type ID (N-EVENT-REPORT, N-ACTION), the attribute tags asked for (N-GET), and
 * the data set, if any, in {@code transferSyntax}.
 */
public record NRequest(int commandField, String sopClassUid, String sopInstanceUid, int typeId, int[] attributeTags,
        byte[] dataSet, String transferSyntax) {
}

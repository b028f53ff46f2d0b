// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

/**
 * The parameters of a C-STORE request (PS3.7 §9.1.1.1): the instance, the transfer syntax its data
 * set arrives in and, for a C-MOVE sub-operation, the move originator.
 */
public record StoreRequest(String sopClassUid, String sopInstanceUid, String transferSyntax, int priority,
        String moveOriginatorAeTitle, int moveOriginatorMessageId) {
}

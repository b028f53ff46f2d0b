// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.util.function.BooleanSupplier;

/**
 * A C-FIND, C-MOVE or C-GET request (PS3.7 §9.1.2–9.1.4): the SOP class (information model), its
 * message ID (the Move Originator Message ID of C-MOVE sub-operations), the identifier encoded in {@code transferSyntax}, the move destination for C-MOVE, and whether
 * the requestor has sent C-CANCEL.
 */
public record QueryRequest(String sopClassUid, int messageId, int priority, byte[] identifier, String transferSyntax,
        String moveDestination, BooleanSupplier cancelled) {

    public QueryRequest {
        identifier = identifier.clone();
    }

    @Override
    public byte[] identifier() {
        return identifier.clone();
    }

    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}

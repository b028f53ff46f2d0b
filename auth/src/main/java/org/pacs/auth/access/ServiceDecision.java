// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

/**
 * Whether an AE may use a service (store, query, retrieve, move to a destination), with the reason
 * for the log and audit line. A denied C-STORE, C-FIND or C-MOVE is answered with a refusal status by
 * the service, not by aborting the association.
 */
public record ServiceDecision(boolean allowed, String reason) {

    static ServiceDecision allow(String reason) {
        return new ServiceDecision(true, reason);
    }

    static ServiceDecision deny(String reason) {
        return new ServiceDecision(false, reason);
    }
}

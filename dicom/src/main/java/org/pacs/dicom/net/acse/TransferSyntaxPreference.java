// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

/** Whose order decides the transfer syntax accepted for a presentation context. */
public enum TransferSyntaxPreference {
    /** The first syntax in the acceptor's own list that the requestor proposed. */
    ACCEPTOR,
    /** The first syntax the requestor proposed that the acceptor supports. */
    REQUESTOR
}

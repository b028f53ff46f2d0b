// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

/**
 * A presentation context both sides agreed on: its abstract syntax, the one transfer syntax and
 * the roles negotiated for its SOP class.
 */
public record AcceptedContext(int id, String abstractSyntax, String transferSyntax, Roles.Outcome roles) {
}

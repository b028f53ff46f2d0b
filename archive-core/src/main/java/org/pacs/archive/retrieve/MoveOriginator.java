// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

/**
 * Who asked for a C-MOVE: the AE title and Message ID each C-STORE sub-operation carries as Move
 * Originator Application Entity Title and Move Originator Message ID (PS3.7 §9.1.1.1.7–9.1.1.1.8).
 */
public record MoveOriginator(String aeTitle, int messageId) {
}

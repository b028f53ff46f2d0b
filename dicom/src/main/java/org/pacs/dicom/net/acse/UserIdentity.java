// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

/**
 * The identity an authenticator established from a User Identity sub-item (PS3.7 §D.3.3.7): the
 * identity type and the principal the authenticator names (never the passcode or token itself).
 */
public record UserIdentity(int type, String principal) {
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

/** The part a local AE plays for a SOP class: service class user or provider. */
public enum Role {
    SCU, SCP
}

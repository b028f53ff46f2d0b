// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

/**
 * The answer to a DIMSE-N request: status, optional data set (event/action reply, attribute list)
 * and, for N-CREATE, the instance UID the SCP assigned.
 */
public record NResult(int status, byte[] dataSet, String affectedSopInstanceUid) {

    public static NResult status(int status) {
        return new NResult(status, null, null);
    }
}

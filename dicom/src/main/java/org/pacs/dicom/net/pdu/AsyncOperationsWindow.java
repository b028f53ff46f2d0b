// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * Asynchronous Operations Window sub-item (PS3.7 §D.3.3.3): how many operations may be outstanding;
 * 0 means unlimited.
 */
public record AsyncOperationsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {

    public AsyncOperationsWindow {
        if (maxOperationsInvoked < 0 || maxOperationsInvoked > 0xffff || maxOperationsPerformed < 0
                || maxOperationsPerformed > 0xffff) {
            throw new IllegalArgumentException("operations window values are 16-bit unsigned");
        }
    }
}

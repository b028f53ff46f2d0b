// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;

/** The association ended by A-ABORT, A-P-ABORT or loss of the transport while an operation was open. */
public final class AssociationAbortedException extends IOException {

    public AssociationAbortedException(String message) {
        super(message);
    }
}

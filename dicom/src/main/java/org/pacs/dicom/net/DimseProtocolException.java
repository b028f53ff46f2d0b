// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;

/** A peer broke the DIMSE rules (PS3.7 §9.3, Annex E): the association is aborted. */
final class DimseProtocolException extends IOException {

    DimseProtocolException(String message) {
        super(message);
    }
}

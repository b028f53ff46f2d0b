// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

/**
 * One received DIMSE message (PS3.7 §6.3): the presentation context it came on, its command set
 * and its data set, which is either buffered ({@code dataSet}) or still arriving ({@code stream}).
 * The data set is encoded in the context's transfer syntax.
 */
public record DimseMessage(int contextId, CommandSet command, byte[] dataSet, PDataInputStream stream) {

    public boolean hasDataSet() {
        return dataSet != null || stream != null;
    }
}

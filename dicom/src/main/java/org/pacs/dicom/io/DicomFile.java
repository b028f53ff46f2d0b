// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import org.pacs.dicom.data.Attributes;

/** A DICOM file read whole: its File Meta Information (null if absent), data set and transfer syntax. */
public record DicomFile(Attributes fileMetaInformation, Attributes dataSet, TransferSyntax transferSyntax) {
}

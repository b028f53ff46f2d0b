// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/** N-EVENT-REPORT (PS3.7 §10.1.1): the SCP of an event report receives it; Storage Commitment results arrive this way (PS3.4 Annex J). */
@FunctionalInterface
public interface NEventReportScp {

    NResult handle(Association association, NRequest request) throws IOException;
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/** N-ACTION (PS3.7 §10.1.4): performs an action; Storage Commitment requests arrive this way (PS3.4 Annex J). */
@FunctionalInterface
public interface NActionScp {

    NResult handle(Association association, NRequest request) throws IOException;
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/** N-DELETE (PS3.7 §10.1.6): deletes a managed instance. */
@FunctionalInterface
public interface NDeleteScp {

    NResult handle(Association association, NRequest request) throws IOException;
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/** N-GET (PS3.7 §10.1.2): returns the requested attributes of a managed instance. */
@FunctionalInterface
public interface NGetScp {

    NResult handle(Association association, NRequest request) throws IOException;
}

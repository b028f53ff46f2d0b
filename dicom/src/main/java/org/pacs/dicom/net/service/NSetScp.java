// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/** N-SET (PS3.7 §10.1.3): modifies attributes of a managed instance. */
@FunctionalInterface
public interface NSetScp {

    NResult handle(Association association, NRequest request) throws IOException;
}

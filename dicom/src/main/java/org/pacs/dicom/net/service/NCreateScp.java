// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/** N-CREATE (PS3.7 §10.1.5): creates a managed instance, assigning its UID if the requestor did not. */
@FunctionalInterface
public interface NCreateScp {

    NResult handle(Association association, NRequest request) throws IOException;
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/**
 * Query/Retrieve C-GET as SCP (PS3.4 Annex C, PS3.7 §9.1.3): stores the matching instances back over
 * the same association (the requestor took the storage SCP role through role selection, PS3.7
 * §D.3.3.4), with {@link Scu#store} on {@code association}.
 */
@FunctionalInterface
public interface CGetScp {

    int get(Association association, QueryRequest request, SubOperations progress) throws IOException;
}

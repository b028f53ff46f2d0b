// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/**
 * Query/Retrieve C-MOVE as SCP (PS3.4 Annex C, PS3.7 §9.1.4): stores the matching instances to
 * {@link QueryRequest#moveDestination()} over a separate association, reporting each sub-operation
 * through {@code progress}; returns the final status (success, B000 warning with failures, A801
 * destination unknown, FE00 cancel...).
 */
@FunctionalInterface
public interface CMoveScp {

    int move(Association association, QueryRequest request, SubOperations progress) throws IOException;
}

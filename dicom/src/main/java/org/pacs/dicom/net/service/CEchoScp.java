// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.dimse.Status;

/** Verification SOP Class as SCP (PS3.4 Annex A, PS3.7 §9.1.5): answers C-ECHO. */
@FunctionalInterface
public interface CEchoScp {

    CEchoScp SUCCESS = association -> Status.SUCCESS;

    /** The C-ECHO-RSP status. */
    int echo(Association association);
}

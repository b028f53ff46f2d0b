// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/** The role of an active participant: CID 402 "Audit Active Participant Role ID Code" (PS3.16). */
public enum RoleId {
    APPLICATION("110150", "Application"),
    APPLICATION_LAUNCHER("110151", "Application Launcher"),
    /** The receiver of data. */
    DESTINATION("110152", "Destination Role ID"),
    /** The sender of data. */
    SOURCE("110153", "Source Role ID"),
    DESTINATION_MEDIA("110154", "Destination Media"),
    SOURCE_MEDIA("110155", "Source Media");

    private final CodedValue coded;

    RoleId(String code, String meaning) {
        this.coded = CodedValue.dcm(code, meaning);
    }

    public CodedValue coded() {
        return coded;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/**
 * Event type codes that refine an {@link EventId}: CID 401 "Audit Event Type Code" (application start and
 * stop, login and logout) and CID 403 "Security Alert Type Code" (PS3.16).
 */
public enum EventType {
    APPLICATION_START("110120", "Application Start"),
    APPLICATION_STOP("110121", "Application Stop"),
    LOGIN("110122", "Login"),
    LOGOUT("110123", "Logout"),
    NODE_AUTHENTICATION("110126", "Node Authentication"),
    EMERGENCY_OVERRIDE("110127", "Emergency Override"),
    NETWORK_CONFIGURATION("110128", "Network Configuration"),
    SECURITY_CONFIGURATION("110129", "Security Configuration"),
    SOFTWARE_CONFIGURATION("110131", "Software Configuration"),
    USE_OF_RESTRICTED_FUNCTION("110132", "Use of Restricted Function"),
    AUDIT_RECORDING_STOPPED("110133", "Audit Recording Stopped"),
    AUDIT_RECORDING_STARTED("110134", "Audit Recording Started"),
    OBJECT_SECURITY_ATTRIBUTES_CHANGED("110135", "Object Security Attributes Changed"),
    SECURITY_ROLES_CHANGED("110136", "Security Roles Changed"),
    USER_SECURITY_ATTRIBUTES_CHANGED("110137", "User Security Attributes Changed");

    private final CodedValue coded;

    EventType(String code, String meaning) {
        this.coded = CodedValue.dcm(code, meaning);
    }

    public CodedValue coded() {
        return coded;
    }

    /** Whether this type reports a configuration change (PS3.16 CID 403). */
    public boolean isConfiguration() {
        return this == NETWORK_CONFIGURATION || this == SECURITY_CONFIGURATION || this == SOFTWARE_CONFIGURATION;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/** EventActionCode of the audit message schema (PS3.15 §A.5.1): what was done to the objects. */
public enum EventActionCode {
    C("Create"), R("Read"), U("Update"), D("Delete"), E("Execute");

    private final String meaning;

    EventActionCode(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}

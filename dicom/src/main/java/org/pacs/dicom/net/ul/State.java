// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

/** States of the DICOM upper layer protocol machine (PS3.8 §9.2.1, Tables 9-1 to 9-5). */
public enum State {
    STA1("Idle"),
    STA2("Transport connection open (Awaiting A-ASSOCIATE-RQ PDU)"),
    STA3("Awaiting local A-ASSOCIATE response primitive (from local user)"),
    STA4("Awaiting transport connection opening to complete (from local transport service)"),
    STA5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
    STA6("Association established and ready for data transfer"),
    STA7("Awaiting A-RELEASE-RP PDU"),
    STA8("Awaiting local A-RELEASE response primitive (from local user)"),
    STA9("Release collision requestor side; awaiting A-RELEASE response (from local user)"),
    STA10("Release collision acceptor side; awaiting A-RELEASE-RP PDU"),
    STA11("Release collision requestor side; awaiting A-RELEASE-RP PDU"),
    STA12("Release collision acceptor side; awaiting A-RELEASE response primitive (from local user)"),
    STA13("Awaiting Transport Connection Close Indication (Association no longer exists)");

    private final String definition;

    State(String definition) {
        this.definition = definition;
    }

    /** The standard's definition of this state. */
    public String definition() {
        return definition;
    }

    /** Parses the standard's spelling, e.g. {@code "Sta6"}. */
    public static State of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return "Sta" + (ordinal() + 1);
    }
}

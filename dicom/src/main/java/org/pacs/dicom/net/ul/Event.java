// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import org.pacs.dicom.net.pdu.Pdu;

/** Events of the DICOM upper layer protocol machine (PS3.8 §9.2.3, Table 9-10). */
public enum Event {
    EVT1("A-ASSOCIATE Request (local user)"),
    EVT2("Transport Connect Confirm (local transport service)"),
    EVT3("A-ASSOCIATE-AC PDU (received on transport connection)"),
    EVT4("A-ASSOCIATE-RJ PDU (received on transport connection)"),
    EVT5("Transport Connection Indication (local transport service)"),
    EVT6("A-ASSOCIATE-RQ PDU (received on transport connection)"),
    EVT7("A-ASSOCIATE response primitive (accept)"),
    EVT8("A-ASSOCIATE response primitive (reject)"),
    EVT9("P-DATA request primitive"),
    EVT10("P-DATA-TF PDU"),
    EVT11("A-RELEASE Request primitive"),
    EVT12("A-RELEASE-RQ PDU (received on open transport connection)"),
    EVT13("A-RELEASE-RP PDU (received on transport connection)"),
    EVT14("A-RELEASE response primitive"),
    EVT15("A-ABORT Request primitive"),
    EVT16("A-ABORT PDU (received on open transport connection)"),
    EVT17("Transport connection closed indication (local transport service)"),
    EVT18("ARTIM timer expired (Association reject/release timer)"),
    EVT19("Unrecognized or invalid PDU received");

    private final String definition;

    Event(String definition) {
        this.definition = definition;
    }

    public String definition() {
        return definition;
    }

    /** True for the primitives the local service user issues (as opposed to PDUs, transport and timer). */
    public boolean isLocalRequest() {
        return switch (this) {
            case EVT1, EVT7, EVT8, EVT9, EVT11, EVT14, EVT15 -> true;
            default -> false;
        };
    }

    /** The event a received PDU raises. */
    public static Event received(Pdu pdu) {
        return switch (pdu.type()) {
            case Pdu.A_ASSOCIATE_AC -> EVT3;
            case Pdu.A_ASSOCIATE_RJ -> EVT4;
            case Pdu.A_ASSOCIATE_RQ -> EVT6;
            case Pdu.P_DATA_TF -> EVT10;
            case Pdu.A_RELEASE_RQ -> EVT12;
            case Pdu.A_RELEASE_RP -> EVT13;
            case Pdu.A_ABORT -> EVT16;
            default -> EVT19;
        };
    }

    public static Event of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return "Evt" + (ordinal() + 1);
    }
}

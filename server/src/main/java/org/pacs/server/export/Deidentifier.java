// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.export;

import java.util.ArrayList;
import java.util.List;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.server.export.BasicProfile.Action;

/**
 * Applies the Basic Application Level Confidentiality Profile (PS3.15 §E.1, Table E.1-1, Basic Profile
 * column, no options) to a data set, in place, and records that it did (§E.1.1: Patient Identity
 * Removed, De-identification Method and its Code Sequence with CID 7050 code 113100).
 *
 * <p>Without the IOD's attribute types at hand, the combined actions take the choice that keeps any IOD
 * conformant while revealing nothing: Z/D, X/D and X/Z/D give a dummy value (D), X/Z gives an empty
 * value (Z), X/Z/U* keeps the sequence with its items cleaned and their instance UIDs replaced. A
 * sequence whose action is D or Z is emptied: its items could name people. Pixel data is untouched
 * (the Clean Pixel Data option is not applied, so burned-in annotation stays: the caller warns).
 */
final class Deidentifier {
    static final String METHOD = "PS3.15 E.1 Basic Profile; UIDs remapped";
    private final UidRemapper uids;

    Deidentifier(UidRemapper uids) {
        this.uids = uids;
    }

    void apply(Attributes ds) {
        clean(ds);
        ds.setString(Tags.PatientIdentityRemoved, VR.CS, "YES");
        ds.setString(Tags.DeidentificationMethod, VR.LO, METHOD);
        Sequence codes = ds.newSequence(Tags.DeidentificationMethodCodeSequence, 1);
        Attributes code = codes.addItem();
        code.setString(Tags.CodeValue, VR.SH, "113100");
        code.setString(Tags.CodingSchemeDesignator, VR.SH, "DCM");
        code.setString(Tags.CodeMeaning, VR.LO, "Basic Application Confidentiality Profile");
    }

    private void clean(Attributes ds) {
        List<Integer> tags = new ArrayList<>(ds.size());
        for (int i = 0; i < ds.size(); i++) {
            tags.add(ds.tagAt(i));
        }
        for (int tag : tags) {
            VR vr = ds.getVR(tag);
            Object value = ds.getValue(tag);
            Action action = BasicProfile.actionOf(tag);
            if (value instanceof Sequence seq) {
                switch (action) {
                    case X -> ds.remove(tag);
                    case D, Z, Z_D, X_D, X_Z, X_Z_D -> ds.newSequence(tag, 0);
                    default -> seq.forEach(this::clean); // K (cleaned), U, X/Z/U*
                }
                continue;
            }
            switch (action) {
                case K -> { }
                case X -> ds.remove(tag);
                case Z, X_Z -> ds.setNull(tag, vr);
                case D, Z_D, X_D, X_Z_D -> dummy(ds, tag, vr);
                case U, X_Z_U -> remapUids(ds, tag, vr);
            }
        }
    }

    private void remapUids(Attributes ds, int tag, VR vr) {
        String[] values = ds.getStrings(tag);
        if (values == null || values.length == 0) {
            return;
        }
        if (vr != VR.UI) {
            ds.remove(tag); // not a UID after all: nothing consistent to replace it with
            return;
        }
        String[] mapped = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            mapped[i] = values[i] == null || values[i].isBlank() ? "" : uids.remap(values[i]);
        }
        ds.setString(tag, vr, mapped);
    }

    /** A dummy value for {@code vr} (§E.1.1 "D"), telling nothing about the patient or the site. */
    private void dummy(Attributes ds, int tag, VR vr) {
        switch (vr) {
            case DA -> ds.setString(tag, vr, "19000101");
            case TM -> ds.setString(tag, vr, "000000");
            case DT -> ds.setString(tag, vr, "19000101000000");
            case AS -> ds.setString(tag, vr, "000D");
            case IS, DS -> ds.setString(tag, vr, "0");
            case UI -> remapUids(ds, tag, vr);
            case PN, LO, SH, CS, ST, LT, UT, UC -> ds.setString(tag, vr, "ANONYMIZED");
            case US, SS, UL, SL -> ds.setInt(tag, vr, 0);
            case FL, FD -> ds.setDouble(tag, vr, 0.0);
            default -> ds.remove(tag); // binary values cannot carry a meaningful dummy
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.stow;

import java.util.LinkedHashSet;
import java.util.Set;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * The Store Instances Response Module (PS3.18 §10.5.3): one item per
 * instance in Referenced SOP Sequence (stored, with a Warning Reason when stored with a warning) or
 * Failed SOP Sequence (with its Failure Reason), and the HTTP status: 200 when all were stored without
 * warning, 409 when none was stored, 202 otherwise.
 */
final class StowResponse {
    /** PS3.18 Table 10.5.3-2 / PS3.4 Annex B: "Cannot understand". */
    static final int CANNOT_UNDERSTAND = 0xC000;
    /** "Data set does not match SOP Class", used too for an instance outside the study of the URL. */
    static final int DOES_NOT_MATCH = 0xA900;
    /** "Refused: SOP Class not supported". */
    static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;

    private final String serviceRoot;
    private final Attributes body = new Attributes();
    private final Sequence referenced;
    private final Sequence failed;
    private final Set<String> studies = new LinkedHashSet<>();
    private int stored;
    private int warnings;
    private int failures;

    StowResponse(String serviceRoot) {
        this.serviceRoot = serviceRoot;
        this.failed = body.newSequence(Tags.FailedSOPSequence, 4);
        this.referenced = body.newSequence(Tags.ReferencedSOPSequence, 16);
    }

    void stored(String cuid, String iuid, String study, String series, int warningReason) {
        stored++;
        Attributes item = referenced.addItem();
        item.setString(Tags.ReferencedSOPClassUID, VR.UI, cuid);
        item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, iuid);
        if (study != null && series != null) {
            studies.add(study);
            item.setString(Tags.RetrieveURL, VR.UR, serviceRoot + "/studies/" + study + "/series/" + series
                    + "/instances/" + iuid);
        }
        if (warningReason != 0) {
            warnings++;
            item.setInt(Tags.WarningReason, VR.US, warningReason);
        }
    }

    void failed(String cuid, String iuid, int reason) {
        failures++;
        Attributes item = failed.addItem();
        if (cuid != null) {
            item.setString(Tags.ReferencedSOPClassUID, VR.UI, cuid);
        }
        if (iuid != null) {
            item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, iuid);
        }
        item.setInt(Tags.FailureReason, VR.US, reason);
    }

    int count() {
        return stored + failures;
    }

    int status() {
        if (stored == 0) {
            return 409;
        }
        return failures == 0 && warnings == 0 ? 200 : 202;
    }

    /** The response data set; call once, after the last instance. */
    Attributes body() {
        if (studies.size() == 1) {
            body.setString(Tags.RetrieveURL, VR.UR, serviceRoot + "/studies/" + studies.iterator().next());
        }
        if (failures == 0) {
            body.remove(Tags.FailedSOPSequence);
        }
        if (stored == 0) {
            body.remove(Tags.ReferencedSOPSequence);
        }
        return body;
    }
}

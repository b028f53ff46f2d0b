// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.dict.Tags;

/**
 * The Modality LUT (PS3.3 §C.11.1: Rescale Slope/Intercept, or the first Modality LUT Sequence item) and
 * the object's VOI (§C.11.2: the first window, else the first VOI LUT Sequence item) that apply to one
 * frame. Enhanced multi-frame objects keep rescale and window in functional groups (PS3.3 §C.7.6.16):
 * the frame's Per-Frame Functional Groups item wins over the Shared one, which wins over the top level.
 *
 * @param modalityLut a Modality LUT that replaces slope and intercept, or null
 * @param window the first Window Center/Width pair with its VOI LUT Function, or null if none
 * @param voiLut the first VOI LUT, used only when there is no window, or null
 */
record PresentationValues(double slope, double intercept, LookupTable modalityLut, Window window, LookupTable voiLut) {

    /** The modality value of a stored value. */
    double modality(int stored) {
        return modalityLut != null ? modalityLut.apply(stored) : stored * slope + intercept;
    }

    static PresentationValues of(Attributes ds, int frame, boolean signed) throws CannotRenderException {
        Attributes perFrame = item(ds.getSequence(Tags.PerFrameFunctionalGroupsSequence), frame - 1);
        Attributes shared = item(ds.getSequence(Tags.SharedFunctionalGroupsSequence), 0);
        Attributes rescale = first(ds, Tags.RescaleSlope,
                macro(perFrame, Tags.PixelValueTransformationSequence), macro(shared, Tags.PixelValueTransformationSequence));
        Attributes voi = first(ds, Tags.WindowCenter,
                macro(perFrame, Tags.FrameVOILUTSequence), macro(shared, Tags.FrameVOILUTSequence));
        double slope = number(rescale, Tags.RescaleSlope, "Rescale Slope", 1);
        double intercept = number(rescale, Tags.RescaleIntercept, "Rescale Intercept", 0);
        LookupTable modalityLut = rescale.contains(Tags.RescaleSlope) ? null
                : lut(item(ds.getSequence(Tags.ModalityLUTSequence), 0), signed);
        // A VOI LUT's inputs are modality values: signed once a Modality LUT or a negative intercept is in play.
        boolean signedModality = signed || intercept < 0 || slope < 0;
        LookupTable voiLut = lut(item(ds.getSequence(Tags.VOILUTSequence), 0), signedModality);
        return new PresentationValues(slope, intercept, modalityLut, window(voi), voiLut);
    }

    private static LookupTable lut(Attributes item, boolean signed) throws CannotRenderException {
        return item == null ? null : LookupTable.of(item, signed);
    }

    private static Window window(Attributes voi) throws CannotRenderException {
        if (!voi.contains(Tags.WindowCenter) || !voi.contains(Tags.WindowWidth)) {
            return null;
        }
        double c = number(voi, Tags.WindowCenter, "Window Center", Double.NaN);
        double w = number(voi, Tags.WindowWidth, "Window Width", Double.NaN);
        if (Double.isNaN(c) || Double.isNaN(w)) {
            return null;
        }
        VoiFunction f = VoiFunction.parse(voi.getString(Tags.VOILUTFunction));
        try {
            return new Window(c, w, f);
        } catch (IllegalArgumentException e) {
            // A stored window the function cannot use (e.g. width 0) is ignored, as if absent.
            return null;
        }
    }

    /** The first candidate holding {@code tag}, functional groups before the top level. */
    private static Attributes first(Attributes top, int tag, Attributes perFrame, Attributes shared) {
        if (perFrame != null && perFrame.contains(tag)) {
            return perFrame;
        }
        if (shared != null && shared.contains(tag)) {
            return shared;
        }
        return top;
    }

    private static Attributes macro(Attributes group, int sequenceTag) {
        return group == null ? null : item(group.getSequence(sequenceTag), 0);
    }

    private static Attributes item(Sequence seq, int index) {
        return seq != null && index >= 0 && index < seq.size() ? seq.get(index) : null;
    }

    private static double number(Attributes ds, int tag, String name, double absent) throws CannotRenderException {
        try {
            double[] v = ds.getDoubles(tag);
            if (v == null || v.length == 0) {
                return absent;
            }
            if (!Double.isFinite(v[0])) {
                throw new NumberFormatException();
            }
            return v[0];
        } catch (NumberFormatException e) {
            throw new CannotRenderException(name + " of the instance is not a number");
        }
    }
}

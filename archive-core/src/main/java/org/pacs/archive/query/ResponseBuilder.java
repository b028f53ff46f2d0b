// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.SpecificCharacterSet;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * Builds a response identifier (PS3.4 §C.4.1.1.3.2): the requested keys only, each with the value its
 * level's entity holds (zero length if it holds none), plus Query/Retrieve Level and, when the values
 * need it, Specific Character Set. Values keep their stored bytes when all come from objects in one
 * character set; otherwise they are decoded and the response is written in UTF-8 (ISO_IR 192).
 * Sequence keys return the matching items with the requested item attributes (§C.2.2.2.6).
 */
final class ResponseBuilder {
    private static final String[] UTF_8 = {"ISO_IR 192"};

    private final ParsedQuery query;

    ResponseBuilder(ParsedQuery query) {
        this.query = query;
    }

    Attributes build(Map<QueryRetrieveLevel, Attributes> records) {
        Set<SpecificCharacterSet> charsets = new LinkedHashSet<>();
        for (ReturnKey key : query.returnKeys) {
            Attributes source = records.get(key.source());
            if (source != null && carriesText(key, source)) {
                charsets.add(source.specificCharacterSet());
            }
        }
        boolean transcode = charsets.size() > 1;
        Attributes rsp = new Attributes(query.returnKeys.size() + 2);
        if (transcode) {
            rsp.setString(Tags.SpecificCharacterSet, VR.CS, UTF_8);
        } else if (charsets.size() == 1 && !charsets.iterator().next().equals(SpecificCharacterSet.DEFAULT)) {
            rsp.setString(Tags.SpecificCharacterSet, VR.CS, charsets.iterator().next().terms());
        }
        rsp.setString(Tags.QueryRetrieveLevel, VR.CS, query.level.name());
        for (ReturnKey key : query.returnKeys) {
            Attributes source = records.get(key.source());
            copy(source, rsp, key.tag(), key.vr(), key.itemTemplate(), key.itemMatcher(), transcode);
        }
        return rsp;
    }

    private static boolean carriesText(ReturnKey key, Attributes source) {
        int i = source.indexOf(key.tag());
        if (i < 0) {
            return false;
        }
        VR vr = source.vrAt(i);
        Object v = source.valueAt(i);
        if (vr == VR.SQ) {
            return v instanceof Sequence s && !s.isEmpty();
        }
        return vr.usesSpecificCharacterSet() && v instanceof byte[] b && b.length > 0;
    }

    private static void copy(Attributes from, Attributes to, int tag, VR keyVr, Attributes template,
            SequenceMatcher matcher, boolean transcode) {
        int i = from == null ? -1 : from.indexOf(tag);
        if (i < 0) {
            if (keyVr == VR.SQ) {
                to.newSequence(tag, 0);
            } else {
                to.setNull(tag, keyVr == VR.UN || keyVr == null ? VR.UN : keyVr);
            }
            return;
        }
        VR vr = from.vrAt(i);
        Object value = from.valueAt(i);
        if (value instanceof Sequence seq) {
            Sequence out = to.newSequence(tag, seq.size());
            for (Attributes item : seq) {
                if (matcher != null && !matcher.matchesItem(item)) {
                    continue;
                }
                Attributes copy = out.addItem();
                if (template == null || template.isEmpty()) {
                    copyAll(item, copy, transcode);
                } else {
                    copyRequested(item, copy, template, transcode);
                }
            }
        } else if (transcode && vr.usesSpecificCharacterSet() && value instanceof byte[]) {
            String[] decoded = from.getStrings(tag);
            to.setString(tag, vr, decoded == null ? new String[0] : decoded);
        } else {
            to.setValue(tag, vr, value);
        }
    }

    private static void copyRequested(Attributes item, Attributes copy, Attributes template, boolean transcode) {
        for (int k = 0; k < template.size(); k++) {
            int tag = template.tagAt(k);
            if (AttributeLevels.isControl(tag)) {
                continue;
            }
            VR vr = KeyValues.vrOf(template, k);
            Attributes nested = null;
            if (vr == VR.SQ) {
                Sequence s = template.getSequence(tag);
                nested = s == null || s.isEmpty() ? null : s.get(0);
            }
            copy(item, copy, tag, vr, nested, null, transcode);
        }
    }

    private static void copyAll(Attributes item, Attributes copy, boolean transcode) {
        for (int k = 0; k < item.size(); k++) {
            int tag = item.tagAt(k);
            if (tag == Tags.SpecificCharacterSet) {
                continue;
            }
            copy(item, copy, tag, item.vrAt(k), null, null, transcode);
        }
    }
}

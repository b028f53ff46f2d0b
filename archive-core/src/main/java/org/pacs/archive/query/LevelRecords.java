// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.pacs.archive.catalog.HeaderCodec;
import org.pacs.archive.catalog.Instance;
import org.pacs.archive.catalog.Patient;
import org.pacs.archive.catalog.Series;
import org.pacs.archive.catalog.Study;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * The attributes each entity answers with: the stored header of the instance that represents it
 * (values as stored, in its character set) plus the attributes the catalog derives (PS3.4 §C.3.4,
 * Number of ... Related ..., Modalities in Study, SOP Classes in Study, Instance Availability).
 * Headers are read in batches and decoded once per query.
 */
final class LevelRecords {
    private final Session session;
    private final Map<Long, Attributes> headers = new HashMap<>();

    LevelRecords(Session session) {
        this.session = session;
    }

    /** Reads the headers of these instances that are not cached yet. */
    void loadHeaders(Collection<Long> instanceIds) {
        Set<Long> missing = new HashSet<>();
        for (Long id : instanceIds) {
            if (id != null && id != 0 && !headers.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<Object[]> rows = session.createSelectionQuery(
                "select h.id, h.data from InstanceHeader h where h.id in (:ids)", Object[].class)
                .setParameter("ids", missing).getResultList();
        for (Object[] row : rows) {
            headers.put((Long) row[0], HeaderCodec.decode((byte[]) row[1]));
        }
    }

    /** Forgets cached headers, between batches of a long query. */
    void clear() {
        headers.clear();
    }

    private Attributes header(long instanceId) {
        Attributes h = headers.get(instanceId);
        if (h == null) {
            loadHeaders(List.of(instanceId));
            h = headers.get(instanceId);
        }
        // An entity always has a header; an empty data set stands in should one be missing.
        return h != null ? h : new Attributes();
    }

    Attributes patient(Patient p) {
        Attributes a = header(p.getHeaderInstanceId());
        a.setString(Tags.InstanceAvailability, VR.CS, "ONLINE");
        return a;
    }

    /** The patient's record with its counts over the studies the caller may see. */
    Attributes patient(Patient p, int studies, int series, int instances) {
        Attributes a = patient(p);
        a.setInt(Tags.NumberOfPatientRelatedStudies, VR.IS, studies);
        a.setInt(Tags.NumberOfPatientRelatedSeries, VR.IS, series);
        a.setInt(Tags.NumberOfPatientRelatedInstances, VR.IS, instances);
        return a;
    }

    Attributes study(Study st) {
        Attributes a = header(st.getHeaderInstanceId());
        setJoined(a, Tags.ModalitiesInStudy, VR.CS, st.getModalitiesInStudy());
        setJoined(a, Tags.SOPClassesInStudy, VR.UI, st.getSopClassesInStudy());
        a.setInt(Tags.NumberOfStudyRelatedSeries, VR.IS, st.getNumberOfStudyRelatedSeries());
        a.setInt(Tags.NumberOfStudyRelatedInstances, VR.IS, st.getNumberOfStudyRelatedInstances());
        a.setString(Tags.InstanceAvailability, VR.CS, "ONLINE");
        return a;
    }

    Attributes series(Series se) {
        Attributes a = header(se.getHeaderInstanceId());
        a.setInt(Tags.NumberOfSeriesRelatedInstances, VR.IS, se.getNumberOfSeriesRelatedInstances());
        a.setString(Tags.InstanceAvailability, VR.CS, "ONLINE");
        return a;
    }

    Attributes instance(Instance i) {
        Attributes a = header(i.getId());
        a.setString(Tags.AvailableTransferSyntaxUID, VR.UI, i.getTransferSyntaxUid());
        a.setString(Tags.InstanceAvailability, VR.CS, "ONLINE");
        return a;
    }

    private static void setJoined(Attributes a, int tag, VR vr, String joined) {
        if (joined == null || joined.isEmpty()) {
            a.setNull(tag, vr);
        } else {
            a.setString(tag, vr, joined.split("\\\\"));
        }
    }
}

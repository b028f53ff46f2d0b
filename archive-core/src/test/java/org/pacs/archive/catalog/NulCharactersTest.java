// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.archive.catalog.TestHeaders.instance;
import static org.pacs.archive.catalog.TestHeaders.uid;

import org.junit.jupiter.api.Test;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * NUL characters belong to no string VR but as UI padding; PostgreSQL cannot store them in text
 * columns, so the catalog behaves the same on every database: columns drop them, UIDs holding one
 * are refused (the PostgreSQL side is {@code PostgresCatalogIT} in the server module).
 */
class NulCharactersTest {
    @Test
    void columnsDropNulCharacters() {
        assertEquals("CHEST", Columns.fit("CH\0EST\0", 64));
        assertNull(Columns.fit("\0\0", 64));
    }

    @Test
    void columnValuesOfAHeaderHoldNoNul() {
        Attributes ds = instance("P\0" + "9", "Doe^Ja\0ne", uid(), uid());
        ds.setString(Tags.StudyDescription, VR.LO, "CH\0EST");

        InstanceFacts facts = InstanceFacts.of(ds, TestHeaders.EXPLICIT_LE);

        assertEquals("P9", facts.patientId());
        assertEquals("CHEST", facts.studyDescription());
        assertTrue(facts.patientName().toString().indexOf('\0') < 0);
    }

    @Test
    void refusesAUidHoldingANulNamingTheAttributeOnly() {
        Attributes ds = instance("P1", "Doe^Jane", uid(), uid());
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2\0.3");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstanceFacts.of(ds, TestHeaders.EXPLICIT_LE));

        assertEquals("SOP Instance UID (0008,0018) contains a NUL character", e.getMessage());
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.server.export.BasicProfile.Action;

class BasicProfileTest {
    @Test
    void holdsEveryTranscribedRowOnce() {
        assertEquals(456, BasicProfile.size());
    }

    @ParameterizedTest(name = "({0}) → {1}")
    @CsvSource({
        "00100010, Z",      // Patient's Name
        "00100020, Z",      // Patient ID
        "00100030, Z",      // Patient's Birth Date
        "00080050, Z",      // Accession Number
        "00080090, Z",      // Referring Physician's Name
        "0020000D, U",      // Study Instance UID
        "0020000E, U",      // Series Instance UID
        "00080018, U",      // SOP Instance UID
        "00081155, U",      // Referenced SOP Instance UID
        "00080080, X_Z_D",  // Institution Name
        "00081140, X_Z_U",  // Referenced Image Sequence
        "00081070, X_Z_D",  // Operators' Name
        "00102160, X",      // Ethnic Group
        "00091001, X",      // a private attribute
        "00090010, X",      // its private creator
        "60023000, X",      // Overlay Data, repeating group
        "50000010, X",      // curve data
        "7FE00010, K",      // Pixel Data
        "00080016, K",      // SOP Class UID
        "00280010, K",      // Rows
    })
    void givesTheActionOfTableE11(String tag, Action action) {
        assertEquals(action, BasicProfile.actionOf(Integer.parseUnsignedInt(tag, 16)));
    }
}

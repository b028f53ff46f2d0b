// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99",
        "1.2.840.10008.1.2.2"})
    void identifierRoundTripsInEveryNativeNetworkSyntax(String ts) throws IOException {
        Attributes keys = new Attributes();
        keys.setString(0x00080052, VR.CS, "STUDY");
        keys.setString(0x00100020, VR.LO, "TEST0001");
        keys.setString(0x0020000D, VR.UI, "1.2.3.4");
        Attributes back = Identifiers.decode(Identifiers.encode(keys, ts), ts);
        assertEquals("STUDY", back.getString(0x00080052));
        assertEquals("TEST0001", back.getString(0x00100020));
        assertEquals("1.2.3.4", back.getString(0x0020000D));
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.net.pdu.Fixtures;
import org.pacs.dicom.net.pdu.PDataTF;
import org.pacs.dicom.net.pdu.PduLimits;
import org.pacs.dicom.net.pdu.PduReader;

class CommandSetTest {

    @Test
    void encodesTheCEchoRequestOfTheFixtureByteForByte() throws Exception {
        byte[] fixture = Fixtures.hex("p-data-tf-c-echo-rq.hex");
        PDataTF p = (PDataTF) new PduReader(new java.io.ByteArrayInputStream(fixture), PduLimits.DEFAULT).read();
        byte[] command = p.values().getFirst().data();
        CommandSet rq = CommandSet.request(Dimse.C_ECHO_RQ, 1, "1.2.840.10008.1.1", false);
        assertArrayEquals(command, rq.encode());
        CommandSet decoded = CommandSet.decode(command);
        assertEquals(Dimse.C_ECHO_RQ, decoded.commandField());
        assertEquals("1.2.840.10008.1.1", decoded.getString(CommandSet.AFFECTED_SOP_CLASS_UID));
        assertFalse(decoded.hasDataSet());
    }

    @Test
    void responseEchoesSopClassInstanceAndMessageId() {
        CommandSet rq = CommandSet.request(Dimse.C_STORE_RQ, 7, "1.2.840.10008.5.1.4.1.1.2", true)
                .setString(CommandSet.AFFECTED_SOP_INSTANCE_UID, "1.2.3.4.5").setInt(CommandSet.PRIORITY, 0)
                .setString(CommandSet.MOVE_ORIGINATOR_AE_TITLE, "MOVER");
        CommandSet rsp = CommandSet.decode(CommandSet.response(rq, Status.SUCCESS, false).encode());
        assertEquals(Dimse.C_STORE_RSP, rsp.commandField());
        assertEquals(7, rsp.messageIdBeingRespondedTo());
        assertEquals("1.2.3.4.5", rsp.getString(CommandSet.AFFECTED_SOP_INSTANCE_UID));
        assertEquals(Status.SUCCESS, rsp.status());
        assertTrue(CommandSet.decode(rq.encode()).hasDataSet());
        assertEquals("MOVER", CommandSet.decode(rq.encode()).getString(CommandSet.MOVE_ORIGINATOR_AE_TITLE));
    }

    @Test
    void attributeTagListsRoundTrip() {
        CommandSet c = CommandSet.request(Dimse.N_GET_RQ, 2, null, false)
                .setTags(CommandSet.ATTRIBUTE_IDENTIFIER_LIST, 0x00100010, 0x7FE00010);
        assertArrayEquals(new int[] {0x00100010, 0x7FE00010},
                CommandSet.decode(c.encode()).getTags(CommandSet.ATTRIBUTE_IDENTIFIER_LIST));
    }

    @Test
    void rejectsElementsOutsideGroupZero() {
        byte[] bad = {8, 0, 0x18, 0, 2, 0, 0, 0, 'A', 'B'};
        assertThrows(IllegalArgumentException.class, () -> CommandSet.decode(bad));
    }

    @Test
    void rejectsALengthThatOverrunsTheCommand() {
        byte[] bad = {0, 0, 0, 1, (byte) 0xff, 0, 0, 0, 0x30, 0};
        assertThrows(IllegalArgumentException.class, () -> CommandSet.decode(bad));
    }

    @Test
    void rejectsAnUnsignedShortOfTheWrongSize() {
        byte[] bad = {0, 0, 0, 1, 4, 0, 0, 0, 0x30, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> CommandSet.decode(bad));
    }

    @Test
    void oddStringsArePaddedPerVr() {
        byte[] enc = CommandSet.request(Dimse.C_MOVE_RQ, 1, "1.2", true)
                .setString(CommandSet.MOVE_DESTINATION, "DEST1").encode();
        String s = new String(enc, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(s.contains("1.2\0"));
        assertTrue(s.contains("DEST1 "));
        assertEquals(0, enc.length % 2);
        assertTrue(Arrays.equals(Arrays.copyOf(enc, 4), new byte[] {0, 0, 0, 0}));
    }

    @ParameterizedTest(name = "0x{0} pending={1} warning={2} failure={3}")
    @CsvSource({"0000, false, false, false", "FF00, true, false, false", "FF01, true, false, false",
        "FE00, false, false, false", "B000, false, true, false", "0107, false, true, false",
        "A700, false, false, true", "C000, false, false, true", "0122, false, false, true",
        "A801, false, false, true", "0110, false, false, true"})
    void statusClasses(String hex, boolean pending, boolean warning, boolean failure) {
        int s = Integer.parseInt(hex, 16);
        assertEquals(pending, Status.isPending(s));
        assertEquals(warning, Status.isWarning(s));
        assertEquals(failure, Status.isFailure(s));
    }
}

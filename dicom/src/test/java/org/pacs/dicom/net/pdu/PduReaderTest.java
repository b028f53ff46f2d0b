// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PduReaderTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final String ILE = "1.2.840.10008.1.2";
    private static final String ELE = "1.2.840.10008.1.2.1";

    static Pdu read(byte[] bytes) throws IOException {
        return new PduReader(new ByteArrayInputStream(bytes), PduLimits.DEFAULT).read();
    }

    static byte[] write(Pdu pdu) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PduWriter(out).write(pdu);
        return out.toByteArray();
    }

    static AAssociateRQ negotiationRQ() {
        UserInformation ui = new UserInformation(0, "1.2.3.4", "PACS_0.1", new AsyncOperationsWindow(5, 1),
                List.of(new RoleSelection(CT, true, true)),
                List.of(new SopClassExtendedNegotiation(CT, new byte[] {1, 0, 1})),
                List.of(new SopClassCommonExtendedNegotiation(CT, "1.2.840.10008.4.2",
                        List.of("1.2.840.10008.5.1.4.1.1.2.1"))),
                new UserIdentityRQ(UserIdentityRQ.USERNAME_AND_PASSCODE, true,
                        "alice".getBytes(StandardCharsets.US_ASCII), "s3cret".getBytes(StandardCharsets.US_ASCII)),
                null);
        return new AAssociateRQ("ARCHIVE", "MODALITY", List.of(new PresentationContextRQ(1, CT, ELE, ILE),
                new PresentationContextRQ(3, VERIFICATION, ILE)), ui);
    }

    @Nested
    class WellFormedFixtures {

        @Test
        void decodesEchoAssociateRequestFromDcmtk() throws IOException {
            AAssociateRQ rq = assertInstanceOf(AAssociateRQ.class, read(Fixtures.hex("a-associate-rq-echo.hex")));
            assertEquals(1, rq.protocolVersion());
            assertEquals("ANY-SCP", rq.calledAeTitle());
            assertEquals("ECHOSCU", rq.callingAeTitle());
            assertEquals(AAssociateRQ.DICOM_APPLICATION_CONTEXT, rq.applicationContext());
            assertEquals(List.of(new PresentationContextRQ(1, VERIFICATION, ILE)), rq.presentationContexts());
            assertEquals(new UserInformation(16384, "1.2.276.0.7230010.3.0.3.6.7", "OFFIS_DCMTK_367"),
                    rq.userInformation());
        }

        @Test
        void decodesEverySubItemOfANegotiatingRequest() throws IOException {
            assertEquals(negotiationRQ(), read(Fixtures.hex("a-associate-rq-negotiation.hex")));
        }

        @Test
        void decodesAnAcceptWithRejectedContextAndIdentityResponse() throws IOException {
            AAssociateAC ac = assertInstanceOf(AAssociateAC.class,
                    read(Fixtures.hex("a-associate-ac-negotiation.hex")));
            assertEquals(PresentationContextAC.accept(1, ELE), ac.presentationContext(1));
            assertEquals(new PresentationContextAC(3, PresentationContextAC.ABSTRACT_SYNTAX_NOT_SUPPORTED, ILE),
                    ac.presentationContext(3));
            assertEquals(262144, ac.userInformation().maxPduLength());
            assertEquals(new AsyncOperationsWindow(1, 1), ac.userInformation().asyncOperationsWindow());
            assertEquals(List.of(new RoleSelection(CT, true, false)), ac.userInformation().roleSelections());
            assertEquals(new UserIdentityAC(new byte[0]), ac.userInformation().userIdentityAC());
        }

        @Test
        void decodesFixedLengthPdus() throws IOException {
            assertEquals(new AAssociateRJ(1, 1, 3), read(Fixtures.hex("a-associate-rj-calling-ae.hex")));
            assertEquals(new AReleaseRQ(), read(Fixtures.hex("a-release-rq.hex")));
            assertEquals(new AReleaseRP(), read(Fixtures.hex("a-release-rp.hex")));
            assertEquals(AAbort.byServiceProvider(AAbort.UNEXPECTED_PDU),
                    read(Fixtures.hex("a-abort-provider-unexpected.hex")));
        }

        @Test
        void decodesPresentationDataValuesWithTheirControlHeaders() throws IOException {
            PDataTF p = assertInstanceOf(PDataTF.class, read(Fixtures.hex("p-data-tf-two-pdvs.hex")));
            assertEquals(List.of(new PresentationDataValue(3, false, false, "ABCD".getBytes(StandardCharsets.US_ASCII)),
                    new PresentationDataValue(3, false, true, "EF".getBytes(StandardCharsets.US_ASCII))), p.values());
            PDataTF echo = assertInstanceOf(PDataTF.class, read(Fixtures.hex("p-data-tf-c-echo-rq.hex")));
            assertTrue(echo.values().getFirst().command());
            assertTrue(echo.values().getFirst().last());
        }

        @Test
        void returnsNullAtACleanEndOfStream() throws IOException {
            assertNull(read(new byte[0]));
        }

        @Test
        void readsConsecutivePdusFromOneStream() throws IOException {
            byte[] a = Fixtures.hex("a-release-rq.hex");
            byte[] b = Fixtures.hex("p-data-tf-two-pdvs.hex");
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            PduReader reader = new PduReader(new ByteArrayInputStream(both), PduLimits.DEFAULT);
            assertInstanceOf(AReleaseRQ.class, reader.read());
            assertInstanceOf(PDataTF.class, reader.read());
            assertNull(reader.read());
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @CsvSource({"a-associate-rq-echo.hex", "a-associate-rq-negotiation.hex", "a-associate-ac-negotiation.hex",
            "a-associate-rj-calling-ae.hex", "a-release-rq.hex", "a-release-rp.hex",
            "a-abort-provider-unexpected.hex", "p-data-tf-c-echo-rq.hex", "p-data-tf-two-pdvs.hex"})
        void writerReproducesTheFixtureBytes(String fixture) throws IOException {
            byte[] bytes = Fixtures.hex(fixture);
            assertArrayEquals(bytes, write(read(bytes)));
        }

        @Test
        void zeroCopyPDataWriteMatchesTheRecordEncoding() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = "xxABCDyy".getBytes(StandardCharsets.US_ASCII);
            new PduWriter(out).writePData(5, true, true, buf, 2, 4);
            assertArrayEquals(write(new PDataTF(new PresentationDataValue(5, true, true,
                    "ABCD".getBytes(StandardCharsets.US_ASCII)))), out.toByteArray());
        }
    }

    @Nested
    class HostileInput {

        @ParameterizedTest(name = "{0} → reason {1}, framing lost {2}")
        @CsvSource({
            "hostile-unknown-pdu-type.hex, 1, true",
            "hostile-pdata-length-exceeds-limit.hex, 6, true",
            "hostile-pdv-length-lies.hex, 6, false",
            "hostile-item-overruns-pdu.hex, 6, false",
            "hostile-even-context-id.hex, 6, false",
            "hostile-release-rq-long.hex, 6, true",
            "hostile-unknown-item-in-rq.hex, 4, false"})
        void rejectsMalformedPduWithTheAbortReason(String fixture, int reason, boolean framingLost) {
            PduException e = assertThrows(PduException.class, () -> read(Fixtures.hex(fixture)));
            assertEquals(reason, e.abortReason());
            assertEquals(framingLost, e.framingLost());
        }

        @Test
        void reportsTruncationAsEndOfStream() {
            assertThrows(EOFException.class, () -> read(Fixtures.hex("hostile-truncated-associate-rq.hex")));
        }

        @Test
        void rejectsPDataLargerThanTheNegotiatedMaximumFromItsHeaderAlone() {
            byte[] header = {4, 0, 0, 0, 0x10, 0}; // 4096 bytes announced, limit 1024
            PduReader reader = new PduReader(new ByteArrayInputStream(header), new PduLimits(1024, 4096));
            PduException e = assertThrows(PduException.class, reader::read);
            assertEquals(AAbort.INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        }

        @Test
        void aLyingLengthAllocatesOnlyWhatArrives() throws IOException {
            // 16 MiB announced (the hard cap) but 10 bytes sent: readNBytes grows with the data.
            InputStream in = new ByteArrayInputStream(new byte[] {4, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xf0,
                0, 0, 0, 4, 1, 3, 0, 0, 0, 0});
            long before = allocated();
            assertThrows(EOFException.class,
                    () -> new PduReader(in, new PduLimits(PduLimits.HARD_MAX_PDATA_LENGTH, 4096)).read());
            long after = allocated();
            assertFalse(after - before > 4 << 20, "allocated " + (after - before) + " bytes");
        }

        private static long allocated() {
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            if (bean instanceof com.sun.management.ThreadMXBean sun) {
                return sun.getCurrentThreadAllocatedBytes();
            }
            return 0;
        }
    }
}

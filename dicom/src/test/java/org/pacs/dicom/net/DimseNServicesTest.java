// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.NRequest;
import org.pacs.dicom.net.service.NResult;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;

/** Each DIMSE-N service (PS3.7 §10.1) as SCU against our SCP: parameters arrive, results return. */
class DimseNServicesTest {

    static final String SOP = "1.2.840.10008.5.1.4.33"; // Modality Performed Procedure Step
    static final String INSTANCE = "1.2.826.0.1.3680043.10.1146.42";
    static final byte[] DATA = {8, 0, 0x50, 0, 4, 0, 0, 0, 'A', 'C', 'C', '1'};

    private final AtomicReference<NRequest> seen = new AtomicReference<>();
    private Acceptor acceptor;
    private final Connector connector = new Connector(Limits.DEFAULTS, null);

    @BeforeEach
    void start() throws IOException {
        ServiceRegistry services = ServiceRegistry.builder()
                .eventReport((as, rq) -> answer(rq))
                .nGet((as, rq) -> answer(rq))
                .nSet((as, rq) -> answer(rq))
                .action((as, rq) -> answer(rq))
                .create((as, rq) -> {
                    seen.set(rq);
                    return new NResult(Status.SUCCESS, null, INSTANCE); // the SCP assigns the UID
                })
                .delete((as, rq) -> answer(rq))
                .build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), new AcceptorSettings(List.of(
                TransferCapability.scp(SOP, TestDicom.ILE)), TransferSyntaxPreference.ACCEPTOR, 65536,
                Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, null), services,
                Limits.DEFAULTS, null);
    }

    private NResult answer(NRequest rq) {
        seen.set(rq);
        return new NResult(Status.SUCCESS, rq.dataSet() == null ? null : rq.dataSet(), null);
    }

    @AfterEach
    void stop() {
        acceptor.close();
        connector.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"N-EVENT-REPORT, 0x0100, 5, true", "N-GET, 0x0110, 0, false", "N-SET, 0x0120, 0, true",
        "N-ACTION, 0x0130, 1, true", "N-CREATE, 0x0140, 0, true", "N-DELETE, 0x0150, 0, false"})
    void serviceRoundTrip(String name, String field, int typeId, boolean withData) throws IOException {
        int commandField = Integer.decode(field);
        try (Association as = connector.connect("127.0.0.1", acceptor.port(), Connector.request("ANY", "NSCU",
                List.of(new PresentationContextRQ(1, SOP, TestDicom.ILE)), Limits.DEFAULTS), null)) {
            boolean create = commandField == Dimse.N_CREATE_RQ;
            NResult r = Scu.n(as, as.context(1), commandField, create ? null : INSTANCE, typeId,
                    commandField == Dimse.N_GET_RQ ? new int[] {0x00080050, 0x00400252} : null,
                    withData ? DATA : null, Duration.ofSeconds(5));
            assertEquals(Status.SUCCESS, r.status(), name);
            NRequest rq = seen.get();
            assertEquals(commandField, rq.commandField());
            assertEquals(SOP, rq.sopClassUid());
            assertEquals(create ? null : INSTANCE, rq.sopInstanceUid());
            assertEquals(typeId, rq.typeId());
            if (commandField == Dimse.N_GET_RQ) {
                assertArrayEquals(new int[] {0x00080050, 0x00400252}, rq.attributeTags());
            }
            if (withData) {
                assertArrayEquals(DATA, rq.dataSet());
                if (!create) {
                    assertArrayEquals(DATA, r.dataSet());
                }
            }
            assertEquals(INSTANCE, r.affectedSopInstanceUid());
        }
    }
}

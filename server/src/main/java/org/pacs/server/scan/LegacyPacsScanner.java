// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.scan;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.AssociationRejectedException;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.DataWriter;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.Responses;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.Scu;

/**
 * A read-only check of another PACS for the exposures of the news stories ({@link Exposure}): an
 * association in plaintext for a guessed AE title, a universal Study Root C-FIND answered (matches
 * counted, never decoded; cancelled after a few, PS3.4 §C.4.1.2.3), a C-MOVE of a made-up study to a
 * made-up AE title not refused with A801 (PS3.4 §C.4.2.1.5), and a TLS session without a client
 * certificate. It stores nothing on the peer and never asks it to send anything to a real destination.
 *
 * <pre>{@code
 * ScanReport report = new LegacyPacsScanner(LegacyPacsScanner.Options.defaults("pacs.lan", 104)).scan();
 * report.print(System.out);
 * }</pre>
 */
public final class LegacyPacsScanner {
    /** Called AE titles that products ship with or that installers commonly leave. */
    public static final List<String> COMMON_CALLED_AES = List.of("ANY-SCP", "PACS", "ORTHANC", "DCM4CHEE",
            "STORESCP", "SERVER", "DCMQRSCP", "QRSCP", "ARCHIVE", "ANY");
    /** A calling AE title many modalities and tools use by default. */
    public static final String COMMON_CALLING_AE = "ANY-SCU";
    /** The port registered for DICOM over TLS. */
    public static final int DICOM_TLS_PORT = 2762;
    /** Matches counted before the C-FIND is cancelled: enough to know it answers, no more. */
    static final int FIND_MATCHES_BEFORE_CANCEL = 5;
    /** A peer that ignores C-CANCEL is not read further than this. */
    private static final int MAX_RESPONSES = 1_000;

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    /** What to scan and how long to wait. */
    public record Options(String host, int port, List<String> calledAes, String callingAe, List<Integer> tlsPorts,
            Duration timeout) {
        public Options {
            calledAes = List.copyOf(calledAes);
            tlsPorts = List.copyOf(tlsPorts);
        }

        /** The common AE titles, the given port and 2762 for TLS, 10 s per step. */
        public static Options defaults(String host, int port) {
            List<Integer> tls = port == DICOM_TLS_PORT ? List.of(port) : List.of(port, DICOM_TLS_PORT);
            return new Options(host, port, COMMON_CALLED_AES, COMMON_CALLING_AE, tls, Duration.ofSeconds(10));
        }
    }

    private final Options options;
    private final Limits limits;
    private final SecureRandom random = new SecureRandom();

    public LegacyPacsScanner(Options options) {
        this.options = options;
        this.limits = Limits.DEFAULTS.withTimeouts(options.timeout(), options.timeout(), options.timeout());
    }

    public ScanReport scan() throws IOException {
        List<Finding> findings = new ArrayList<>();
        boolean reachable;
        String calledForTls;
        try (Connector plain = new Connector(limits, null)) {
            PlaintextAttempt attempt = openPlaintext(plain);
            reachable = attempt.reachable;
            calledForTls = attempt.acceptedAe.orElse(options.calledAes().getFirst());
            findings.add(attempt.finding);
            if (attempt.association.isPresent()) {
                try (Association as = attempt.association.get()) {
                    findings.add(checkFind(as));
                    findings.add(checkMove(as));
                }
            } else {
                String why = "no plaintext association to test it on";
                findings.add(Finding.notTested(Exposure.ANONYMOUS_FIND, why));
                findings.add(Finding.notTested(Exposure.MOVE_TO_UNKNOWN_AE, why));
            }
        }
        for (int tlsPort : options.tlsPorts()) {
            TlsProbe.Result r = new TlsProbe(limits).probe(options.host(), tlsPort, calledForTls, options.callingAe());
            reachable |= r.reachable();
            findings.add(r.finding());
        }
        return new ScanReport(options.host() + ":" + options.port(), findings, reachable);
    }

    private record PlaintextAttempt(Finding finding, Optional<Association> association, Optional<String> acceptedAe,
            boolean reachable) {
        static PlaintextAttempt without(Finding finding, boolean reachable) {
            return new PlaintextAttempt(finding, Optional.empty(), Optional.empty(), reachable);
        }
    }

    /** Tries each called AE title until one is accepted; stops early when the port does not speak DICOM. */
    private PlaintextAttempt openPlaintext(Connector connector) {
        List<String> rejected = new ArrayList<>();
        for (String called : options.calledAes()) {
            try {
                Association as = connector.connect(options.host(), options.port(), Connector.request(called,
                        options.callingAe(), contexts(), limits), null);
                return new PlaintextAttempt(Finding.exposed(Exposure.PLAINTEXT_ASSOCIATION, "called AE '" + called
                        + "' accepted calling AE '" + options.callingAe() + "' without TLS on port " + options.port()),
                        Optional.of(as), Optional.of(called), true);
            } catch (AssociationRejectedException e) {
                rejected.add(called + " (" + describe(e.reject()) + ")");
            } catch (ConnectException e) {
                return PlaintextAttempt.without(Finding.notTested(Exposure.PLAINTEXT_ASSOCIATION, "nothing listens on "
                        + options.host() + ":" + options.port() + " (" + e.getMessage() + ")"), false);
            } catch (IOException | RuntimeException e) {
                // Not an A-ASSOCIATE-AC or -RJ: a TLS port, or no DICOM at all. Other titles would fare no better.
                return PlaintextAttempt.without(Finding.notExposed(Exposure.PLAINTEXT_ASSOCIATION, "port "
                        + options.port() + " does not accept plaintext DICOM (" + brief(e) + ")"), true);
            }
        }
        return PlaintextAttempt.without(Finding.notExposed(Exposure.PLAINTEXT_ASSOCIATION,
                "every AE title tried was rejected: " + String.join(", ", rejected)), true);
    }

    private static List<PresentationContextRQ> contexts() {
        return List.of(new PresentationContextRQ(1, Scu.VERIFICATION, IMPLICIT_LE),
                new PresentationContextRQ(3, UID.StudyRootQueryRetrieveInformationModelFind, IMPLICIT_LE, EXPLICIT_LE),
                new PresentationContextRQ(5, UID.StudyRootQueryRetrieveInformationModelMove, IMPLICIT_LE, EXPLICIT_LE));
    }

    /** Study Root, STUDY level, universal match on Study Instance UID: counts the pending responses only. */
    private Finding checkFind(Association as) throws IOException {
        Optional<AcceptedContext> pc = as.context(UID.StudyRootQueryRetrieveInformationModelFind);
        if (pc.isEmpty()) {
            return Finding.notExposed(Exposure.ANONYMOUS_FIND, "the Study Root C-FIND context was not accepted");
        }
        Attributes keys = new Attributes();
        keys.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setNull(Tags.StudyInstanceUID, VR.UI);
        int id = as.nextMessageId();
        CommandSet rq = CommandSet.request(Dimse.C_FIND_RQ, id, pc.get().abstractSyntax(), true)
                .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM);
        Responses responses;
        try {
            responses = as.invoke(pc.get(), rq,
                    DataWriter.of(Identifiers.encode(keys, pc.get().transferSyntax())));
        } catch (IOException e) {
            return Finding.notExposed(Exposure.ANONYMOUS_FIND, "the request was not taken (" + brief(e) + ")");
        }
        int matches = 0;
        boolean cancelled = false;
        try {
            for (int n = 0; n < MAX_RESPONSES; n++) {
                DimseMessage m = responses.next(options.timeout());
                int status = m.command().status();
                if (!Status.isPending(status)) {
                    return findOutcome(status, matches, cancelled);
                }
                matches++; // the identifier in m is never decoded or kept
                if (matches == FIND_MATCHES_BEFORE_CANCEL && !cancelled) {
                    as.cancel(pc.get(), id);
                    cancelled = true;
                }
            }
            as.abort();
            return Finding.exposed(Exposure.ANONYMOUS_FIND, "answered with more than " + MAX_RESPONSES
                    + " matches and ignored C-CANCEL");
        } catch (SocketTimeoutException e) {
            as.abort();
            return matches > 0 ? Finding.exposed(Exposure.ANONYMOUS_FIND, "answered with " + matches
                    + " matches, then went silent") : Finding.notExposed(Exposure.ANONYMOUS_FIND, "no answer in "
                    + options.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return matches > 0 ? Finding.exposed(Exposure.ANONYMOUS_FIND, "answered with " + matches
                    + " matches before the association ended") : Finding.notExposed(Exposure.ANONYMOUS_FIND,
                    "the association ended instead (" + brief(e) + ")");
        }
    }

    private static Finding findOutcome(int status, int matches, boolean cancelled) {
        if (Status.isSuccess(status) || status == Status.CANCEL || Status.isWarning(status)) {
            String count = cancelled ? "at least " + matches + " matching studies (counting stopped with C-CANCEL)"
                    : matches + " matching stud" + (matches == 1 ? "y" : "ies");
            return Finding.exposed(Exposure.ANONYMOUS_FIND, "a universal study query was answered: " + count
                    + ", final status " + hex(status));
        }
        return Finding.notExposed(Exposure.ANONYMOUS_FIND, "refused with status " + hex(status));
    }

    /**
     * A made-up study to a made-up destination: a PACS that checks destinations answers A801 at once. Any
     * non-failure answer means it did not refuse the unknown AE (and nothing exists to send).
     */
    private Finding checkMove(Association as) {
        Optional<AcceptedContext> pc = as.context(UID.StudyRootQueryRetrieveInformationModelMove);
        if (pc.isEmpty()) {
            return Finding.notExposed(Exposure.MOVE_TO_UNKNOWN_AE, "the Study Root C-MOVE context was not accepted");
        }
        byte[] made = new byte[5];
        random.nextBytes(made);
        String destination = "SCAN-" + HexFormat.of().formatHex(made).toUpperCase(Locale.ROOT); // 15 characters
        Attributes keys = new Attributes();
        keys.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tags.StudyInstanceUID, VR.UI, "2.25." + new java.math.BigInteger(1, randomBytes(16)));
        try {
            CommandSet rsp = Scu.move(as, pc.get(), destination, Identifiers.encode(keys, pc.get().transferSyntax()),
                    options.timeout());
            int status = rsp.status();
            if (status == Status.MOVE_DESTINATION_UNKNOWN) {
                return Finding.notExposed(Exposure.MOVE_TO_UNKNOWN_AE, "refused the made-up destination '"
                        + destination + "' with A801 (Move Destination unknown)");
            }
            if (Status.isFailure(status)) {
                return Finding.notExposed(Exposure.MOVE_TO_UNKNOWN_AE, "refused with status " + hex(status)
                        + " (not A801: the reason may be other than the destination)");
            }
            int subOperations = rsp.getInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, 0)
                    + rsp.getInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, 0)
                    + rsp.getInt(CommandSet.NUMBER_OF_WARNING_SUBOPERATIONS, 0);
            return Finding.exposed(Exposure.MOVE_TO_UNKNOWN_AE, "answered " + hex(status) + " (" + subOperations
                    + " sub-operations) to a move of a made-up study to the made-up AE '" + destination
                    + "' instead of A801: it did not refuse the unknown destination");
        } catch (IOException e) {
            return Finding.notExposed(Exposure.MOVE_TO_UNKNOWN_AE, "the association ended instead (" + brief(e) + ")");
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String describe(AAssociateRJ rj) {
        String reason = switch (rj.source() * 10 + rj.reason()) {
            case 11 -> "no reason given";
            case 12 -> "application context not supported";
            case 13 -> "calling AE not recognized";
            case 17 -> "called AE not recognized";
            case 21 -> "no reason given (ACSE)";
            case 22 -> "protocol version not supported";
            case 31 -> "temporary congestion";
            case 32 -> "local limit exceeded";
            default -> "source " + rj.source() + " reason " + rj.reason();
        };
        return (rj.result() == AAssociateRJ.REJECTED_PERMANENT ? "rejected: " : "rejected for now: ") + reason;
    }

    static String brief(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    static String hex(int status) {
        return String.format("%04X", status);
    }
}

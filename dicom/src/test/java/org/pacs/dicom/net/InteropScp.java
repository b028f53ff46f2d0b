// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.AssociationPolicy;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.acse.UserIdentityAuthenticator;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.QueryRequest;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.service.SubOperations;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * The small SCP the interoperability tests talk to: verification, CT storage into a directory
 * (data sets streamed to disk), a canned C-FIND match, and C-MOVE/C-GET of what was stored.
 */
public final class InteropScp implements AutoCloseable {

    public static final String AE = "INTEROP";
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
    public static final String STUDY_UID = "1.2.826.0.1.3680043.10.1146.1";
    /** A token the test authenticator accepts (not a real signature: the authenticator is a stub). */
    public static final String TEST_JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJqd3Qtc3ViamVjdCJ9.";

    /** A stored instance: its SOP class, the transfer syntax it came in and the file with its data set. */
    public record Stored(String sopClass, String sopInstance, String transferSyntax, Path dataSet) {
    }

    private final Path dir;
    private final Acceptor acceptor;
    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final Map<String, Integer> destinations = new ConcurrentHashMap<>();
    public final List<X509Certificate> peerCertificatesSeen = new CopyOnWriteArrayList<>();
    public final List<String> principalsSeen = new CopyOnWriteArrayList<>();

    public InteropScp(Path dir, TlsPolicy tls, Limits limits) throws IOException {
        this.dir = dir;
        List<String> syntaxes = List.of(TestDicom.ELE, TestDicom.ILE);
        List<TransferCapability> caps = new ArrayList<>();
        caps.add(new TransferCapability(Scu.VERIFICATION, org.pacs.dicom.net.acse.Role.SCP, syntaxes));
        caps.add(new TransferCapability(TestDicom.CT_IMAGE_STORAGE, org.pacs.dicom.net.acse.Role.SCP, syntaxes));
        caps.add(new TransferCapability(TestDicom.CT_IMAGE_STORAGE, org.pacs.dicom.net.acse.Role.SCU, syntaxes));
        caps.add(new TransferCapability(STUDY_ROOT_FIND, org.pacs.dicom.net.acse.Role.SCP, syntaxes));
        caps.add(new TransferCapability(STUDY_ROOT_MOVE, org.pacs.dicom.net.acse.Role.SCP, syntaxes));
        caps.add(new TransferCapability(STUDY_ROOT_GET, org.pacs.dicom.net.acse.Role.SCP, syntaxes));
        UserIdentityAuthenticator auth = (id, peer) -> switch (id.type()) {
            case UserIdentityRQ.USERNAME_AND_PASSCODE -> id.primaryText().equals("alice")
                    && new String(id.secondaryField(), java.nio.charset.StandardCharsets.UTF_8).equals("s3cret")
                            ? UserIdentityAuthenticator.Accepted.of(id.type(), "alice")
                            : new UserIdentityAuthenticator.Refused("unknown user or wrong passcode");
            case UserIdentityRQ.JWT -> id.primaryText().strip().equals(TEST_JWT)
                    ? UserIdentityAuthenticator.Accepted.of(id.type(), "jwt-subject")
                    : new UserIdentityAuthenticator.Refused("token not valid");
            case UserIdentityRQ.SAML -> id.primaryText().contains("<saml:Assertion")
                    ? UserIdentityAuthenticator.Accepted.of(id.type(), "saml-subject")
                    : new UserIdentityAuthenticator.Refused("no assertion");
            case UserIdentityRQ.KERBEROS -> new UserIdentityAuthenticator.Accepted(
                    new org.pacs.dicom.net.acse.UserIdentity(id.type(), "kerberos-principal"),
                    "server-ticket".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            default -> new UserIdentityAuthenticator.Refused("identity type " + id.type() + " not accepted");
        };
        AcceptorSettings settings = new AcceptorSettings(caps, TransferSyntaxPreference.ACCEPTOR,
                limits.maxPduLength(), Implementation.CLASS_UID, Implementation.VERSION_NAME, null, auth, false,
                AssociationPolicy.calledAeTitles(java.util.Set.of(AE)).and(req -> req.callingAeTitle().equals(
                        "BADCALLER") ? AssociationPolicy.Decision.reject(
                                org.pacs.dicom.net.pdu.AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED)
                        : AssociationPolicy.Decision.ACCEPT));
        ServiceRegistry services = ServiceRegistry.builder()
                .echo(as -> {
                    peerCertificatesSeen.addAll(as.peerCertificates());
                    return Status.SUCCESS;
                })
                .store((as, rq, data) -> {
                    if (as.userIdentity() != null) {
                        principalsSeen.add(as.userIdentity().principal());
                    }
                    Path file = dir.resolve(rq.sopInstanceUid() + ".ds");
                    try (OutputStream out = Files.newOutputStream(file)) {
                        data.transferTo(out);
                    }
                    stored.put(rq.sopInstanceUid(), new Stored(rq.sopClassUid(), rq.sopInstanceUid(),
                            rq.transferSyntax(), file));
                    return Status.SUCCESS;
                })
                .find((as, rq, matches) -> {
                    // The query is decoded and the match encoded with the toolkit's data set codec.
                    Attributes keys = Identifiers.decode(rq.identifier(), rq.transferSyntax());
                    if (!"STUDY".equals(keys.getString(0x00080052))) {
                        return Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS;
                    }
                    Attributes match = new Attributes();
                    match.setString(0x00080052, VR.CS, "STUDY");
                    match.setString(0x00100010, VR.PN, "SYNTHETIC^TEST");
                    match.setString(0x0020000D, VR.UI, STUDY_UID);
                    matches.send(Identifiers.encode(match, rq.transferSyntax()));
                    return rq.isCancelled() ? Status.CANCEL : Status.SUCCESS;
                })
                .move(this::move)
                .get(this::get)
                .build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, limits, tls);
    }

    public int port() {
        return acceptor.port();
    }

    public Map<String, Stored> stored() {
        return stored;
    }

    public void addDestination(String ae, int port) {
        destinations.put(ae, port);
    }

    private int move(Association as, QueryRequest rq, SubOperations progress) throws IOException {
        Integer port = destinations.get(rq.moveDestination());
        if (port == null) {
            return Status.MOVE_DESTINATION_UNKNOWN;
        }
        List<Stored> all = List.copyOf(stored.values());
        progress.remaining(all.size());
        List<PresentationContextRQ> pcs = new ArrayList<>();
        int id = 1;
        for (Stored s : all) {
            pcs.add(new PresentationContextRQ(id, s.sopClass(), s.transferSyntax()));
            id += 2;
        }
        try (Connector connector = new Connector(Limits.DEFAULTS, null);
                Association out = connector.connect("127.0.0.1", port,
                        Connector.request(rq.moveDestination(), AE, pcs, Limits.DEFAULTS), null)) {
            for (Stored s : all) {
                if (rq.isCancelled()) {
                    return Status.CANCEL;
                }
                AcceptedContext pc = out.context(s.sopClass(), s.transferSyntax()).orElseThrow();
                int status = Scu.store(out, pc, s.sopInstance(), o -> Files.copy(s.dataSet(), o), as.callingAeTitle(),
                        rq.messageId(), Duration.ofSeconds(30)).status();
                progress.completed(s.sopInstance(), status);
            }
        }
        return progress.failed() > 0 ? Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES : Status.SUCCESS;
    }

    private int get(Association as, QueryRequest rq, SubOperations progress) throws IOException {
        List<Stored> all = List.copyOf(stored.values());
        progress.remaining(all.size());
        for (Stored s : all) {
            if (rq.isCancelled()) {
                return Status.CANCEL;
            }
            var pc = as.contexts().values().stream().filter(c -> c.abstractSyntax().equals(s.sopClass())
                    && c.transferSyntax().equals(s.transferSyntax()) && c.roles().acceptorScu()).findFirst();
            if (pc.isEmpty()) {
                progress.completed(s.sopInstance(), Status.SOP_CLASS_NOT_SUPPORTED);
                continue;
            }
            progress.completed(s.sopInstance(), Scu.store(as, pc.get(), s.sopInstance(), o -> Files.copy(s.dataSet(), o),
                    Duration.ofSeconds(30)));
        }
        return progress.failed() > 0 ? Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES : Status.SUCCESS;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        acceptor.close();
    }
}

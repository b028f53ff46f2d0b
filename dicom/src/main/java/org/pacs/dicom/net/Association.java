// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.AssociationNegotiation;
import org.pacs.dicom.net.acse.PeerInfo;
import org.pacs.dicom.net.acse.PresentationContexts;
import org.pacs.dicom.net.acse.UserIdentity;
import org.pacs.dicom.net.acse.VerifiedUserIdentity;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.PDataOutputStream;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PDataTF;
import org.pacs.dicom.net.pdu.Pdu;
import org.pacs.dicom.net.pdu.PduLimits;
import org.pacs.dicom.net.pdu.PduReader;
import org.pacs.dicom.net.pdu.PduWriter;
import org.pacs.dicom.net.pdu.PresentationDataValue;
import org.pacs.dicom.net.ul.Event;
import org.pacs.dicom.net.ul.Indication;
import org.pacs.dicom.net.ul.State;
import org.pacs.dicom.net.ul.UpperLayer;

/**
 * A running association, requestor or acceptor side: the upper layer machine, the negotiated
 * presentation contexts, the peer's certificate chain and user identity (for its whole life), and
 * DIMSE messaging. Created by {@link Acceptor} and {@link Connector}.
 *
 * <pre>{@code
 * try (Association as = connector.connect("127.0.0.1", 11112, rq, null)) {
 *     AcceptedContext pc = as.context(Scu.VERIFICATION).orElseThrow();
 *     DimseMessage rsp = as.invoke(pc, CommandSet.request(Dimse.C_ECHO_RQ, as.nextMessageId(),
 *             pc.abstractSyntax(), false), null).last(Duration.ofSeconds(10));
 *     as.release();
 * }
 * }</pre>
 */
public final class Association implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Association.class.getName());

    private final Socket socket;
    private final InputStream in;
    private final PduReader reader;
    private final PduWriter writer;
    private final UpperLayer ul;
    private final Limits limits;
    private final PeerInfo peer;
    private final RequestHandler handler;
    private final AcceptorSettings settings;
    private final AAssociateRJ overLimit;
    private final Runnable onEnd;
    private final DimseReceiver receiver;
    private final CompletableFuture<AAssociateAC> established = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Map<Integer, PendingResponses> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> running = new ConcurrentHashMap<>();
    private final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();
    private final ReentrantLock messageLock = new ReentrantLock();
    private final AtomicInteger messageIds = new AtomicInteger();

    private volatile AAssociateRQ request;
    private volatile AAssociateAC accept;
    private volatile Map<Integer, AcceptedContext> contexts = Map.of();
    private volatile UserIdentity userIdentity;
    private volatile VerifiedUserIdentity verifiedUserIdentity;
    private volatile int maxFragment = 16384 - 6;
    private volatile String endReason;
    private volatile boolean logged;
    private volatile long sendStarted;
    private final java.util.concurrent.ScheduledFuture<?> watchdog;
    private final java.util.concurrent.atomic.AtomicBoolean releaseRequested = new java.util.concurrent.atomic.AtomicBoolean();

    Association(Socket socket, boolean requestor, Limits limits, ScheduledExecutorService scheduler, PeerInfo peer,
            RequestHandler handler, AcceptorSettings settings, AAssociateRJ overLimit, Runnable onEnd)
            throws IOException {
        this.socket = socket;
        this.limits = limits;
        this.peer = peer;
        this.handler = handler;
        this.settings = settings;
        this.overLimit = overLimit;
        this.onEnd = onEnd;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        // An association over its limits never needs a large A-ASSOCIATE-RQ: it will be rejected.
        PduLimits pduLimits = overLimit == null ? new PduLimits(limits.maxPduLength(), limits.maxAssociateLength())
                : new PduLimits(limits.maxPduLength(), 16 * 1024);
        this.reader = new PduReader(in, pduLimits);
        this.writer = new PduWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        this.ul = new UpperLayer(requestor, new Port(), scheduler, limits.artimTimeout());
        this.receiver = new DimseReceiver(limits, id -> contexts.containsKey(id), this::dispatch);
        long period = Math.max(50, limits.idleTimeout().toMillis() / 2);
        this.watchdog = scheduler.scheduleAtFixedRate(this::checkSendStall, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A peer that stops reading leaves a send blocked with the machine's lock held, and one that
     * sends a PDU a byte at a time keeps every read short of the socket timeout: past the idle
     * timeout the transport is closed under either, which ends the association.
     */
    private void checkSendStall() {
        long now = System.nanoTime();
        long limit = limits.idleTimeout().toNanos();
        long sending = sendStarted;
        long receiving = reader.pduStartedNanos();
        String why = null;
        if (sending != 0 && now - sending > limit) {
            why = "peer stopped reading: send blocked beyond " + limits.idleTimeout();
        } else if (receiving != 0 && now - receiving > limit) {
            why = "peer took longer than " + limits.idleTimeout() + " to send one PDU";
        }
        if (why != null) {
            if (endReason == null) {
                endReason = why;
            }
            if (!logged) {
                logged = true;
                LOG.log(System.Logger.Level.INFO, "closing association {0} -> {1} from {2}: {3}", callingAeTitle(),
                        calledAeTitle(), peer.address(), endReason);
            }
            closeSocket();
        }
    }

    /** Acceptor side: the transport connection is open; reads until the association is over. */
    void runAsAcceptor() {
        ul.transportAccepted();
        readUntilEnd();
    }

    /** Requestor side: sends the A-ASSOCIATE-RQ and waits for the answer. */
    void openAsRequestor(AAssociateRQ rq, Duration timeout) throws IOException {
        this.request = rq;
        try {
            ul.handle(Event.EVT1, null);
            ul.handle(Event.EVT2, rq);
        } catch (IOException | RuntimeException e) {
            watchdog.cancel(false);
            closeSocket();
            throw e;
        }
        Thread.ofVirtual().name("dicom-reader-" + socket.getPort()).start(this::readUntilEnd);
        try {
            established.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            abort();
            throw new SocketTimeoutException("no A-ASSOCIATE-AC within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new java.io.InterruptedIOException();
        }
    }

    private void readUntilEnd() {
        try {
            ul.readLoop(reader, in);
        } finally {
            watchdog.cancel(false);
            closeSocket();
            if (!logged && ul.protocolError() != null) {
                // Ended before any primitive said why (e.g. garbage or silence before the A-ASSOCIATE-RQ).
                LOG.log(System.Logger.Level.INFO, "connection from {0} closed: {1}", peer.address(),
                        ul.protocolError());
            }
            String why = endReason == null ? "association closed" : endReason;
            AssociationAbortedException cause = new AssociationAbortedException(why);
            established.completeExceptionally(cause);
            receiver.fail(cause);
            pending.values().forEach(p -> p.fail(cause));
            ended.countDown();
            onEnd.run();
        }
    }

    // ---- what services see ----------------------------------------------------------------

    public String callingAeTitle() {
        return request == null ? null : request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request == null ? null : request.calledAeTitle();
    }

    public AAssociateRQ request() {
        return request;
    }

    public AAssociateAC accept() {
        return accept;
    }

    public PeerInfo peer() {
        return peer;
    }

    /** The peer's verified TLS certificate chain, empty in plaintext: available for the association's life. */
    public List<X509Certificate> peerCertificates() {
        return peer.certificates();
    }

    /** The user identity the authenticator established, or null. */
    public UserIdentity userIdentity() {
        return userIdentity;
    }

    /**
     * Acceptor side: the User Identity sub-item the authenticator accepted, with its credential, for
     * services that check it again on each request; empty when none was sent, none is checked, or on
     * the requestor side.
     */
    public java.util.Optional<VerifiedUserIdentity> verifiedUserIdentity() {
        return java.util.Optional.ofNullable(verifiedUserIdentity);
    }

    public Map<Integer, AcceptedContext> contexts() {
        return contexts;
    }

    public AcceptedContext context(int id) {
        return contexts.get(id);
    }

    /** The first accepted context for an abstract syntax, preferring the given transfer syntaxes in order. */
    public java.util.Optional<AcceptedContext> context(String abstractSyntax, String... preferredTransferSyntaxes) {
        List<AcceptedContext> candidates = contexts.values().stream()
                .filter(c -> c.abstractSyntax().equals(abstractSyntax)).toList();
        for (String ts : preferredTransferSyntaxes) {
            for (AcceptedContext c : candidates) {
                if (c.transferSyntax().equals(ts)) {
                    return java.util.Optional.of(c);
                }
            }
        }
        return candidates.stream().findFirst();
    }

    public State state() {
        return ul.state();
    }

    public boolean isEstablished() {
        State s = ul.state();
        return s == State.STA6;
    }

    public int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xffff ? 1 : i + 1);
    }

    /** True once the requestor sent C-CANCEL for the operation with this message ID. */
    public boolean isCancelled(int messageId) {
        return cancelled.contains(messageId);
    }

    // ---- DIMSE ------------------------------------------------------------------------------

    /** Sends a request as SCU and returns its responses as they arrive. */
    public Responses invoke(AcceptedContext pc, CommandSet rq, DataWriter data) throws IOException {
        int id = rq.messageId();
        PendingResponses p = new PendingResponses();
        if (pending.putIfAbsent(id, p) != null) {
            throw new IllegalStateException("message ID " + id + " is already outstanding");
        }
        try {
            send(pc.id(), rq, data);
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            throw e;
        }
        return p;
    }

    /** Sends C-CANCEL-RQ for an outstanding C-FIND, C-MOVE or C-GET (PS3.7 §9.3.2.3). */
    public void cancel(AcceptedContext pc, int messageId) throws IOException {
        CommandSet c = new CommandSet().setInt(CommandSet.COMMAND_FIELD, Dimse.C_CANCEL_RQ)
                .setInt(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO, messageId)
                .setInt(CommandSet.COMMAND_DATA_SET_TYPE, Dimse.NO_DATA_SET);
        send(pc.id(), c, null);
    }

    /** Answers a request received as SCP; a final status completes the operation. */
    public void respond(DimseMessage rq, CommandSet rsp, DataWriter data) throws IOException {
        if (rsp.hasDataSet() != (data != null)) {
            throw new IllegalArgumentException("Command Data Set Type does not match the data given");
        }
        send(rq.contextId(), rsp, data);
        if (!Status.isPending(rsp.status())) {
            running.remove(rq.command().messageId());
        }
    }

    /** Sends one whole message: command fragments, then data fragments, never interleaved with another. */
    private void send(int contextId, CommandSet command, DataWriter data) throws IOException {
        if (command.hasDataSet() != (data != null)) {
            throw new IllegalArgumentException("Command Data Set Type does not match the data given");
        }
        messageLock.lock();
        try {
            int fragment = maxFragment;
            try (PDataOutputStream out = new PDataOutputStream(this::sendPdv, contextId, true, fragment)) {
                out.write(command.encode());
            }
            if (data != null) {
                PDataOutputStream out = new PDataOutputStream(this::sendPdv, contextId, false, fragment);
                try {
                    data.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    // Closing the stream would send the last fragment and the peer would take a
                    // truncated data set for a whole one: abort instead (PS3.8 A-ABORT).
                    abort();
                    throw e;
                }
                out.close();
            }
        } finally {
            messageLock.unlock();
        }
    }

    private void sendPdv(int contextId, boolean command, boolean last, byte[] buf, int off, int len)
            throws IOException {
        if (ul.state() != State.STA6 && ul.state() != State.STA8) {
            throw new AssociationAbortedException(endReason == null ? "association is not established (" + ul.state()
                    + ")" : endReason);
        }
        try {
            ul.handle(Event.EVT9, new PDataTF(new PresentationDataValue(contextId, command, last,
                    Arrays.copyOfRange(buf, off, off + len))));
        } catch (IllegalStateException e) {
            throw new AssociationAbortedException("association ended while sending: " + e.getMessage());
        }
    }

    private void dispatch(DimseMessage message) {
        CommandSet cmd = message.command();
        int field = cmd.commandField();
        if (cmd.isResponse()) {
            PendingResponses p = pending.get(cmd.messageIdBeingRespondedTo());
            if (p == null) {
                throw new IllegalStateException("unexpected " + Dimse.name(field) + " for message "
                        + cmd.messageIdBeingRespondedTo());
            }
            if (!Status.isPending(cmd.status())) {
                pending.remove(cmd.messageIdBeingRespondedTo());
            }
            p.offer(message);
            return;
        }
        if (field == Dimse.C_CANCEL_RQ) {
            int target = cmd.messageIdBeingRespondedTo();
            if (running.containsKey(target)) {
                cancelled.add(target);
            }
            return;
        }
        running.put(cmd.messageId(), Boolean.TRUE);
        Thread.ofVirtual().name("dimse-" + Dimse.name(field)).start(() -> serve(message));
    }

    private void serve(DimseMessage rq) {
        int id = rq.command().messageId();
        try {
            if (handler == null) {
                respond(rq, CommandSet.response(rq.command(), Status.UNRECOGNIZED_OPERATION, false), null);
            } else {
                handler.onRequest(this, rq);
            }
            if (running.containsKey(id) && isEstablished()) {
                // The handler returned without a final response: the operation failed.
                respond(rq, CommandSet.response(rq.command(), Status.PROCESSING_FAILURE, false), null);
            }
        } catch (AssociationAbortedException e) {
            // The association ended under the operation; its end was logged already.
            LOG.log(System.Logger.Level.DEBUG, "{0} cut short: {1}", Dimse.name(rq.command().commandField()),
                    e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} from {1} failed: {2}", Dimse.name(rq.command().commandField()),
                    callingAeTitle(), e.toString());
            if (running.containsKey(id) && isEstablished()) {
                try {
                    respond(rq, CommandSet.response(rq.command(), Status.PROCESSING_FAILURE, false), null);
                } catch (IOException | RuntimeException ignored) {
                    // the association is going away
                }
            }
        } finally {
            if (rq.stream() != null) {
                rq.stream().close();
            }
            running.remove(id);
            cancelled.remove(id);
            answerReleaseWhenIdle();
        }
    }

    /**
     * Answers a peer's A-RELEASE-RQ (Evt14) once no operation it started is still running: in Sta8
     * responses may still be sent (AR-7), so work in progress is finished rather than cut off.
     */
    private void answerReleaseWhenIdle() {
        if (running.isEmpty() && releaseRequested.compareAndSet(true, false)) {
            try {
                ul.handle(Event.EVT14, null);
            } catch (IOException | IllegalStateException e) {
                closeSocket();
            }
        }
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** A-RELEASE (PS3.8 §7.2): waits for the release response, at most the ARTIM timeout. */
    public void release() throws IOException {
        if (ul.state() == State.STA6) {
            ul.handle(Event.EVT11, null);
        }
        awaitEnd(limits.artimTimeout());
    }

    /** A-ABORT by the service user (PS3.8 §7.3). */
    public void abort() {
        abort(AAbort.byServiceUser(), "aborted by local user");
    }

    private void abort(AAbort abort, String why) {
        if (endReason == null) {
            endReason = why;
        }
        // Nobody will take the responses of an aborted association; a reader blocked handing them on is freed.
        AssociationAbortedException cause = new AssociationAbortedException(why);
        pending.values().forEach(p -> p.fail(cause));
        try {
            ul.handle(Event.EVT15, abort);
        } catch (IOException | RuntimeException e) {
            closeSocket();
        }
    }

    /** Waits until the transport is closed. */
    public boolean awaitEnd(Duration timeout) {
        try {
            boolean done = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                closeSocket();
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeSocket();
            return false;
        }
    }

    /** Releases if established, otherwise aborts; then closes the transport. */
    @Override
    public void close() {
        try {
            if (ul.state() == State.STA6) {
                release();
            } else if (ul.state() != State.STA1) {
                abort();
                awaitEnd(limits.artimTimeout());
            }
        } catch (IOException e) {
            closeSocket();
        }
        closeSocket();
    }

    /**
     * Closes the transport and fails outstanding requests, which also frees a reader blocked on a
     * requestor that stopped taking responses.
     */
    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        if (!pending.isEmpty()) {
            AssociationAbortedException cause = new AssociationAbortedException(endReason == null
                    ? "association closed" : endReason);
            pending.values().forEach(p -> p.fail(cause));
        }
    }

    /** Upper layer port: transport and service-user side of this association. */
    private final class Port implements UpperLayer.Port {

        @Override
        public void send(Pdu pdu) throws IOException {
            sendStarted = System.nanoTime();
            try {
                writer.write(pdu);
            } finally {
                sendStarted = 0;
            }
        }



        @Override
        public void close() {
            closeSocket();
        }

        @Override
        public AAssociateRJ screen(AAssociateRQ rq) {
            return overLimit != null ? overLimit : AssociationNegotiation.screen(rq);
        }

        @Override
        public boolean idle() {
            return pending.isEmpty() && running.isEmpty() && receiver.idle();
        }

        @Override
        public void indicate(Indication indication) {
            try {
                switch (indication) {
                    case Indication.AssociateRequested r -> onAssociateRequest(r.request());
                    case Indication.AssociateAccepted a -> {
                        accept = a.accept();
                        contexts = PresentationContexts.accepted(request, accept);
                        setMaxFragment(accept.userInformation().maxPduLength());
                        established.complete(accept);
                    }
                    case Indication.AssociateRejected r -> {
                        endReason = "association rejected";
                        established.completeExceptionally(new AssociationRejectedException(r.reject()));
                    }
                    case Indication.PData p -> receiver.onPData(p.data());
                    case Indication.ReleaseRequested r -> {
                        releaseRequested.set(true);
                        answerReleaseWhenIdle();
                    }
                    case Indication.ReleaseConfirmed r -> endReason = "association released";
                    case Indication.Aborted a -> {
                        if (endReason == null) {
                            endReason = a.why();
                        }
                        if (!logged) {
                            logged = true;
                            LOG.log(System.Logger.Level.INFO, "association {0} -> {1} from {2} aborted: {3}",
                                    callingAeTitle(), calledAeTitle(), peer.address(), a.why());
                        }
                    }
                }
            } catch (DimseProtocolException | IllegalStateException e) {
                logged = true;
                LOG.log(System.Logger.Level.INFO, "aborting association {0} -> {1} from {2}: {3}",
                        callingAeTitle(), calledAeTitle(), peer.address(), e.getMessage());
                abort(AAbort.byServiceUser(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(AAbort.byServiceUser(), "interrupted");
            } catch (IOException e) {
                closeSocket();
            }
        }

        private void onAssociateRequest(AAssociateRQ rq) throws IOException {
            request = rq;
            AssociationNegotiation.Outcome outcome = AssociationNegotiation.answer(rq, peer, settings);
            if (outcome.response() instanceof AAssociateAC ac) {
                accept = ac;
                userIdentity = outcome.identity();
                if (outcome.identity() != null && rq.userInformation().userIdentityRQ() != null) {
                    // Only an identity the authenticator accepted is kept (the outcome names none otherwise).
                    verifiedUserIdentity = new VerifiedUserIdentity(outcome.identity(),
                            rq.userInformation().userIdentityRQ());
                }
                contexts = PresentationContexts.accepted(rq, ac);
                setMaxFragment(rq.userInformation().maxPduLength());
                ul.handle(Event.EVT7, ac);
                established.complete(ac);
            } else {
                AAssociateRJ rj = (AAssociateRJ) outcome.response();
                endReason = "association rejected";
                logged = true;
                LOG.log(System.Logger.Level.INFO, "rejecting association {0} -> {1} from {2}: {3} (result {4},"
                        + " source {5}, reason {6})", rq.callingAeTitle(), rq.calledAeTitle(), peer.address(),
                        outcome.why(), rj.result(), rj.source(), rj.reason());
                ul.handle(Event.EVT8, rj);
            }
        }

        private void setMaxFragment(long peerMax) {
            long max = peerMax == 0 ? limits.maxSendPduLength() : Math.min(peerMax, limits.maxSendPduLength());
            maxFragment = (int) Math.max(8, max - 6);
        }
    }
}

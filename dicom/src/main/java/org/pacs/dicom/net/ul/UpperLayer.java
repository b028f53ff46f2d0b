// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.Pdu;
import org.pacs.dicom.net.pdu.PduException;
import org.pacs.dicom.net.pdu.PduReader;

/**
 * The upper layer protocol machine of one association (PS3.8 §9.2): feeds each event through
 * {@link TransitionTable}, performs the action under a lock and then delivers the resulting
 * primitives to the service user outside it, in order. One virtual thread runs {@link #readLoop}.
 *
 * <p>An empty cell of Table 9-10 is an event the standard does not expect in that state. A local
 * request there (other than an abort) is a programming error and throws {@link IllegalStateException};
 * a stale timer, a second abort or a transport event after the association has ended is ignored.
 * PDUs cannot arrive in the states where their cells are empty (no transport connection).
 */
public final class UpperLayer {

    /** The transport and the service user, as seen by the machine. */
    public interface Port {
        void send(Pdu pdu) throws IOException;

        void close();

        /** AE-6: {@code null} if the provider accepts the request, else the rejection. */
        AAssociateRJ screen(AAssociateRQ request);

        /** Receives primitives in order, outside the machine's lock. */
        void indicate(Indication indication);

        /** False while the user has an operation outstanding, so a quiet peer is not idle. */
        default boolean idle() {
            return true;
        }
    }

    private static final System.Logger LOG = System.getLogger(UpperLayer.class.getName());

    private final boolean requestor;
    private final Port port;
    private final ArtimTimer artim;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile State state = State.STA1;
    private volatile String protocolError;

    public UpperLayer(boolean requestor, Port port, ScheduledExecutorService scheduler, Duration artimTimeout) {
        this.requestor = requestor;
        this.port = port;
        this.artim = new ArtimTimer(scheduler, artimTimeout, this::artimExpired);
    }

    /** The current state; read without the lock, which a sender blocked on the transport may hold. */
    public State state() {
        return state;
    }

    /** The last protocol error or timer expiry that ended (or is ending) the association, or null. */
    public String protocolError() {
        return protocolError;
    }

    public boolean isRequestor() {
        return requestor;
    }

    /**
     * Feeds one event with its payload. For a local request, an I/O failure while sending is thrown
     * after the machine has moved on (the reader then sees the transport close).
     */
    public void handle(Event event, Object payload) throws IOException {
        List<Indication> indications = new ArrayList<>(1);
        IOException failure;
        lock.lock();
        try {
            Action action = TransitionTable.action(state, event).orElse(null);
            if (action == null) {
                if (event.isLocalRequest() && event != Event.EVT15) {
                    throw new IllegalStateException(event + " (" + event.definition() + ") is not allowed in "
                            + state);
                }
                return;
            }
            Effects effects = new Effects(indications);
            if (event == Event.EVT18) {
                protocolError = "ARTIM timer expired in " + state;
            } else if (action == Action.AA_7 || action == Action.AA_8
                    || (action == Action.AA_1 && !(payload instanceof org.pacs.dicom.net.pdu.AAbort))) {
                protocolError = Action.describe(payload) + " in " + state;
            }
            State next = action.perform(effects, payload);
            LOG.log(System.Logger.Level.TRACE, () -> state + " + " + event + " -> " + action + " -> " + next);
            state = next;
            changed.signalAll();
            failure = effects.failure;
        } finally {
            lock.unlock();
        }
        for (Indication indication : indications) {
            port.indicate(indication);
        }
        if (failure != null && event.isLocalRequest()) {
            throw failure;
        }
    }

    /** Waits until the state satisfies {@code condition}; returns the state reached, or the last seen. */
    public State await(Predicate<State> condition, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(state) && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads PDUs until the association is over: each PDU becomes its event, an invalid one Evt19, the
     * end of the stream Evt17. Run by the association's one reader thread.
     */
    public void readLoop(PduReader reader, InputStream raw) {
        while (true) {
            if (state() == State.STA1) {
                return;
            }
            Pdu pdu;
            try {
                pdu = reader.read();
            } catch (PduException e) {
                if (!feed(Event.EVT19, e)) {
                    return;
                }
                if (e.framingLost()) {
                    // Nothing more can be parsed: wait for the peer to close, ARTIM bounds the wait.
                    drain(raw);
                    feed(Event.EVT17, "transport closed after invalid PDU");
                    return;
                }
                continue;
            } catch (SocketTimeoutException e) {
                if (!readTimedOut()) {
                    return;
                }
                continue;
            } catch (IOException e) {
                feed(Event.EVT17, "transport closed: " + e.getMessage());
                return;
            }
            if (pdu == null) {
                feed(Event.EVT17, "peer closed the transport connection");
                return;
            }
            if (!feed(Event.received(pdu), pdu)) {
                return;
            }
        }
    }

    /** Connection accepted by the local transport service (Evt5, AE-5). */
    public void transportAccepted() {
        feed(Event.EVT5, null);
    }

    private boolean readTimedOut() {
        State s = state();
        if (s == State.STA13 || s == State.STA2) {
            port.close();
            feed(Event.EVT17, "transport closed after timeout in " + s);
            return false;
        }
        if (!port.idle()) {
            return true;
        }
        feed(Event.EVT15, AAbort.byServiceProvider(AAbort.REASON_NOT_SPECIFIED));
        port.indicate(new Indication.Aborted(AAbort.byServiceProvider(AAbort.REASON_NOT_SPECIFIED),
                "idle timeout in " + s));
        return true;
    }

    private boolean feed(Event event, Object payload) {
        try {
            handle(event, payload);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "handling " + event + " failed", e);
            port.close();
            return false;
        }
    }

    private static void drain(InputStream raw) {
        byte[] sink = new byte[8192];
        try {
            while (raw.read(sink) >= 0) {
                // discard until the peer or ARTIM closes the connection
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void artimExpired() {
        feed(Event.EVT18, null);
    }

    /** The context actions see: sends go to the port, primitives are queued until the lock is released. */
    private final class Effects implements UpperLayerContext {
        private final List<Indication> indications;
        private IOException failure;

        Effects(List<Indication> indications) {
            this.indications = indications;
        }

        @Override
        public void send(Pdu pdu) {
            if (failure != null) {
                return;
            }
            try {
                port.send(pdu);
            } catch (IOException e) {
                failure = e;
                port.close();
            }
        }

        @Override
        public void indicate(Indication indication) {
            indications.add(indication);
        }

        @Override
        public void startArtim() {
            artim.start();
        }

        @Override
        public void stopArtim() {
            artim.stop();
        }

        @Override
        public void connect() {
            // The connector opens the socket itself and then raises Evt2.
        }

        @Override
        public void close() {
            port.close();
        }

        @Override
        public boolean isRequestor() {
            return requestor;
        }

        @Override
        public AAssociateRJ screen(AAssociateRQ request) {
            return port.screen(request);
        }
    }

    /** For tests: waits for the ARTIM timer to have fired and been handled. */
    boolean artimRunning() {
        return artim.isRunning();
    }
}

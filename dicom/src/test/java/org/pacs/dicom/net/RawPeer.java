// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.Pdu;
import org.pacs.dicom.net.pdu.PduLimits;
import org.pacs.dicom.net.pdu.PduReader;

/** A scripted raw-byte peer for hostile-input tests: writes exactly the bytes given, reads PDUs back. */
final class RawPeer implements AutoCloseable {

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    private final PduReader reader;

    RawPeer(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
        reader = new PduReader(in, new PduLimits(PduLimits.HARD_MAX_PDATA_LENGTH, 1 << 20));
    }

    RawPeer send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next PDU, or null when the server closed the connection. */
    Pdu read() throws IOException {
        return reader.read();
    }

    /** Reads PDUs until the server closes; returns the A-ABORT seen, if any. Fails on timeout. */
    AAbort readUntilClosed() throws IOException {
        AAbort abort = null;
        while (true) {
            Pdu pdu;
            try {
                pdu = reader.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("server did not close the connection", e);
            } catch (IOException e) {
                return abort; // reset or truncated: closed
            }
            if (pdu == null) {
                return abort;
            }
            if (pdu instanceof AAbort a) {
                abort = a;
            }
        }
    }

    /** Drains whatever the server sends until it closes or the read times out; never throws. */
    byte[] drain() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (IOException e) {
            // timeout or reset
        }
        return got.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

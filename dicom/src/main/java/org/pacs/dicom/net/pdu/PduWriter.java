// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes PDUs (PS3.8 §9.3). Each {@code write} emits one whole PDU and flushes, so a PDU is never
 * interleaved with another when callers serialize their writes.
 *
 * <pre>{@code
 * PduWriter writer = new PduWriter(socket.getOutputStream());
 * writer.write(new AReleaseRQ());
 * }</pre>
 */
public final class PduWriter {

    private final OutputStream out;
    private final byte[] header = new byte[12];

    public PduWriter(OutputStream out) {
        this.out = out;
    }

    public void write(Pdu pdu) throws IOException {
        switch (pdu) {
            case AAssociateRQ rq -> writeVariable(Pdu.A_ASSOCIATE_RQ, encodeRQ(rq));
            case AAssociateAC ac -> writeVariable(Pdu.A_ASSOCIATE_AC, encodeAC(ac));
            case AAssociateRJ rj -> writeFixed(Pdu.A_ASSOCIATE_RJ, 0, rj.result(), rj.source(), rj.reason());
            case AReleaseRQ r -> writeFixed(Pdu.A_RELEASE_RQ, 0, 0, 0, 0);
            case AReleaseRP r -> writeFixed(Pdu.A_RELEASE_RP, 0, 0, 0, 0);
            case AAbort a -> writeFixed(Pdu.A_ABORT, 0, 0, a.source(), a.reason());
            case PDataTF p -> writePData(p);
        }
    }

    /**
     * Writes a P-DATA-TF holding one PDV straight from the caller's buffer, without a copy: the
     * streaming path for data sets.
     */
    public void writePData(int contextId, boolean command, boolean last, byte[] buf, int off, int len)
            throws IOException {
        Uids.checkContextId(contextId);
        int pdvLength = len + 2;
        putInt(header, 0, (Pdu.P_DATA_TF << 24));
        putInt(header, 2, pdvLength + 4);
        putInt(header, 6, pdvLength);
        header[10] = (byte) contextId;
        header[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        out.write(header, 0, 12);
        out.write(buf, off, len);
        out.flush();
    }

    private void writePData(PDataTF p) throws IOException {
        long length = p.length();
        putInt(header, 0, (Pdu.P_DATA_TF << 24));
        putInt(header, 2, (int) length);
        out.write(header, 0, 6);
        for (PresentationDataValue v : p.values()) {
            putInt(header, 0, v.length() + 2);
            header[4] = (byte) v.contextId();
            header[5] = (byte) v.controlHeader();
            out.write(header, 0, 6);
            v.writeTo(out);
        }
        out.flush();
    }

    private void writeFixed(int type, int b0, int b1, int b2, int b3) throws IOException {
        out.write(new byte[] {(byte) type, 0, 0, 0, 0, 4, (byte) b0, (byte) b1, (byte) b2, (byte) b3});
        out.flush();
    }

    private void writeVariable(int type, byte[] body) throws IOException {
        putInt(header, 0, type << 24);
        putInt(header, 2, body.length);
        out.write(header, 0, 6);
        out.write(body);
        out.flush();
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** Encodes the variable field of an A-ASSOCIATE-RQ; public for byte-level tests. */
    static byte[] encodeRQ(AAssociateRQ rq) {
        Body b = new Body();
        fixedFields(b, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
        b.item(0x10, ascii(rq.applicationContext()));
        for (PresentationContextRQ pc : rq.presentationContexts()) {
            Body s = new Body();
            s.u8(pc.id()).u8(0).u8(0).u8(0);
            s.item(0x30, ascii(pc.abstractSyntax()));
            for (String ts : pc.transferSyntaxes()) {
                s.item(0x40, ascii(ts));
            }
            b.item(0x20, s.bytes());
        }
        b.item(0x50, userInformation(rq.userInformation()));
        return b.bytes();
    }

    static byte[] encodeAC(AAssociateAC ac) {
        Body b = new Body();
        fixedFields(b, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
        b.item(0x10, ascii(ac.applicationContext()));
        for (PresentationContextAC pc : ac.presentationContexts()) {
            Body s = new Body();
            s.u8(pc.id()).u8(0).u8(pc.result()).u8(0);
            s.item(0x40, ascii(pc.transferSyntax()));
            b.item(0x21, s.bytes());
        }
        b.item(0x50, userInformation(ac.userInformation()));
        return b.bytes();
    }

    private static void fixedFields(Body b, int version, String called, String calling) {
        b.u16(version).u16(0);
        b.raw(aeTitle(called)).raw(aeTitle(calling));
        b.raw(new byte[32]);
    }

    private static byte[] aeTitle(String ae) {
        byte[] out = new byte[16];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] raw = ascii(ae);
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }

    private static byte[] userInformation(UserInformation ui) {
        Body b = new Body();
        b.item(0x51, new Body().u32(ui.maxPduLength()).bytes());
        b.item(0x52, ascii(ui.implementationClassUid()));
        if (ui.asyncOperationsWindow() != null) {
            b.item(0x53, new Body().u16(ui.asyncOperationsWindow().maxOperationsInvoked())
                    .u16(ui.asyncOperationsWindow().maxOperationsPerformed()).bytes());
        }
        for (RoleSelection r : ui.roleSelections()) {
            b.item(0x54, new Body().uid16(r.sopClassUid()).u8(r.scu() ? 1 : 0).u8(r.scp() ? 1 : 0).bytes());
        }
        if (ui.implementationVersionName() != null) {
            b.item(0x55, ascii(ui.implementationVersionName()));
        }
        for (SopClassExtendedNegotiation e : ui.extendedNegotiations()) {
            b.item(0x56, new Body().uid16(e.sopClassUid()).raw(e.applicationInformation()).bytes());
        }
        for (SopClassCommonExtendedNegotiation c : ui.commonExtendedNegotiations()) {
            Body related = new Body();
            c.relatedGeneralSopClasses().forEach(related::uid16);
            byte[] rel = related.bytes();
            b.item(0x57, new Body().uid16(c.sopClassUid()).uid16(c.serviceClassUid()).u16(rel.length).raw(rel)
                    .bytes());
        }
        if (ui.userIdentityRQ() != null) {
            UserIdentityRQ id = ui.userIdentityRQ();
            byte[] p = id.primaryField();
            byte[] s = id.secondaryField();
            b.item(0x58, new Body().u8(id.type()).u8(id.positiveResponseRequested() ? 1 : 0).u16(p.length).raw(p)
                    .u16(s.length).raw(s).bytes());
        }
        if (ui.userIdentityAC() != null) {
            byte[] r = ui.userIdentityAC().serverResponse();
            b.item(0x59, new Body().u16(r.length).raw(r).bytes());
        }
        return b.bytes();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable big-endian buffer for item encoding. */
    private static final class Body {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);

        Body u8(int v) {
            buf.write(v);
            return this;
        }

        Body u16(int v) {
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        Body u32(long v) {
            u16((int) (v >>> 16));
            return u16((int) v);
        }

        Body raw(byte[] b) {
            buf.writeBytes(b);
            return this;
        }

        Body uid16(String uid) {
            byte[] a = ascii(uid);
            return u16(a.length).raw(a);
        }

        /** An item: the type byte, a reserved byte, a 16-bit length and the body. */
        Body item(int type, byte[] body) {
            if (body.length > 0xffff) {
                throw new IllegalArgumentException("item 0x" + Integer.toHexString(type) + " longer than 65535");
            }
            return u8(type).u8(0).u16(body.length).raw(body);
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import static org.pacs.dicom.net.pdu.AAbort.INVALID_PDU_PARAMETER_VALUE;
import static org.pacs.dicom.net.pdu.AAbort.UNEXPECTED_PDU_PARAMETER;
import static org.pacs.dicom.net.pdu.AAbort.UNRECOGNIZED_PDU;
import static org.pacs.dicom.net.pdu.AAbort.UNRECOGNIZED_PDU_PARAMETER;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PDUs from a transport stream with strict validation (PS3.8 §9.3). A length is checked
 * against {@link PduLimits} before anything is allocated, and the body is then read in chunks as
 * it arrives, so a length that lies costs no more memory than the bytes actually sent.
 *
 * <pre>{@code
 * PduReader reader = new PduReader(socket.getInputStream(), PduLimits.DEFAULT);
 * Pdu pdu = reader.read(); // null at a clean end of stream
 * }</pre>
 */
public final class PduReader {

    /** PDUs up to this size are read straight into one array (one copy less on the data path). */
    private static final int DIRECT_READ_LIMIT = 1 << 20;

    private final InputStream in;
    private final PduLimits limits;
    private final byte[] header = new byte[6];
    private volatile long pduStarted;

    public PduReader(InputStream in, PduLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * The next PDU, or {@code null} when the stream ends cleanly between PDUs.
     *
     * @throws PduException for an unrecognized or invalid PDU (PS3.8 Evt19)
     * @throws EOFException when the stream ends inside a PDU
     */
    public Pdu read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        pduStarted = System.nanoTime();
        try {
            return readRest(first);
        } finally {
            pduStarted = 0;
        }
    }

    /**
     * When the PDU being read began to arrive ({@link System#nanoTime()}), or 0 between PDUs: lets a
     * watchdog cut off a peer that sends a PDU a byte at a time.
     */
    public long pduStartedNanos() {
        return pduStarted;
    }

    private Pdu readRest(int first) throws IOException {
        header[0] = (byte) first;
        if (in.readNBytes(header, 1, 5) != 5) {
            throw new EOFException("stream ended inside a PDU header");
        }
        int type = header[0] & 0xff;
        long length = ((header[2] & 0xffL) << 24) | ((header[3] & 0xff) << 16) | ((header[4] & 0xff) << 8)
                | (header[5] & 0xff);
        long max = switch (type) {
            case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> limits.maxAssociateLength();
            case Pdu.P_DATA_TF -> limits.maxPDataLength();
            case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> 4;
            default -> throw new PduException(UNRECOGNIZED_PDU, true, "unrecognized PDU type 0x"
                    + Integer.toHexString(type));
        };
        if (length > max) {
            throw new PduException(INVALID_PDU_PARAMETER_VALUE, true,
                    "PDU type " + type + " length " + length + " exceeds limit " + max);
        }
        byte[] body;
        if (length <= DIRECT_READ_LIMIT) {
            body = new byte[(int) length];
            int n = in.readNBytes(body, 0, body.length);
            if (n != length) {
                body = java.util.Arrays.copyOf(body, n);
            }
        } else {
            // Above this size memory follows the bytes that actually arrive, not the announced length.
            body = in.readNBytes((int) length);
        }
        if (body.length != length) {
            throw new EOFException("stream ended inside a PDU of type " + type + " (" + body.length + " of "
                    + length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        try {
            return switch (type) {
                case Pdu.A_ASSOCIATE_RQ -> readAssociateRQ(b);
                case Pdu.A_ASSOCIATE_AC -> readAssociateAC(b);
                case Pdu.A_ASSOCIATE_RJ -> readAssociateRJ(b);
                case Pdu.P_DATA_TF -> readPData(b);
                case Pdu.A_RELEASE_RQ -> readFixed(b, new AReleaseRQ());
                case Pdu.A_RELEASE_RP -> readFixed(b, new AReleaseRP());
                default -> readAbort(b);
            };
        } catch (BufferUnderflowException e) {
            throw invalid("PDU type " + type + " is shorter than its fields");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static PduException invalid(String message) {
        return new PduException(INVALID_PDU_PARAMETER_VALUE, false, message);
    }

    private static Pdu readFixed(ByteBuffer b, Pdu pdu) throws PduException {
        requireLength(b, 4);
        return pdu;
    }

    private static void requireLength(ByteBuffer b, int n) throws PduException {
        if (b.remaining() != n) {
            throw invalid("PDU length " + b.remaining() + " where " + n + " is required");
        }
    }

    private static AAssociateRJ readAssociateRJ(ByteBuffer b) throws PduException {
        requireLength(b, 4);
        b.get();
        return new AAssociateRJ(b.get() & 0xff, b.get() & 0xff, b.get() & 0xff);
    }

    private static AAbort readAbort(ByteBuffer b) throws PduException {
        requireLength(b, 4);
        b.get();
        b.get();
        return new AAbort(b.get() & 0xff, b.get() & 0xff);
    }

    private static PDataTF readPData(ByteBuffer b) throws PduException {
        List<PresentationDataValue> pdvs = new ArrayList<>(2);
        while (b.hasRemaining()) {
            if (b.remaining() < 6) {
                throw invalid("truncated PDV item in P-DATA-TF");
            }
            long itemLength = b.getInt() & 0xffffffffL;
            if (itemLength < 2 || itemLength > b.remaining()) {
                throw invalid("PDV item length " + itemLength + " does not fit the P-DATA-TF");
            }
            int pcid = b.get() & 0xff;
            int control = b.get() & 0xff;
            byte[] data = new byte[(int) itemLength - 2];
            b.get(data);
            // Bits 2-7 of the message control header "shall not be tested" (PS3.8 Annex E.2).
            pdvs.add(new PresentationDataValue(pcid, (control & 1) != 0, (control & 2) != 0, data));
        }
        if (pdvs.isEmpty()) {
            throw invalid("P-DATA-TF without a PDV");
        }
        return new PDataTF(pdvs);
    }

    private static AAssociateRQ readAssociateRQ(ByteBuffer b) throws PduException {
        Fixed f = readFixedFields(b);
        String appContext = null;
        List<PresentationContextRQ> contexts = new ArrayList<>();
        UserInformation userInfo = null;
        while (b.hasRemaining()) {
            Item item = Item.next(b);
            switch (item.type) {
                case 0x10 -> {
                    if (appContext != null) {
                        throw new PduException(UNEXPECTED_PDU_PARAMETER, false, "second application context item");
                    }
                    appContext = uid(item.body);
                }
                case 0x20 -> contexts.add(readContextRQ(item.body));
                case 0x50 -> {
                    if (userInfo != null) {
                        throw new PduException(UNEXPECTED_PDU_PARAMETER, false, "second user information item");
                    }
                    userInfo = readUserInformation(item.body);
                }
                default -> throw new PduException(UNRECOGNIZED_PDU_PARAMETER, false,
                        "unrecognized item 0x" + Integer.toHexString(item.type) + " in A-ASSOCIATE-RQ");
            }
        }
        if (appContext == null || contexts.isEmpty() || userInfo == null) {
            throw invalid("A-ASSOCIATE-RQ lacks an application context, presentation context or user information");
        }
        return new AAssociateRQ(f.version, f.calledAe, f.callingAe, appContext, contexts, userInfo);
    }

    private static AAssociateAC readAssociateAC(ByteBuffer b) throws PduException {
        Fixed f = readFixedFields(b);
        String appContext = null;
        List<PresentationContextAC> contexts = new ArrayList<>();
        UserInformation userInfo = null;
        while (b.hasRemaining()) {
            Item item = Item.next(b);
            switch (item.type) {
                case 0x10 -> {
                    if (appContext != null) {
                        throw new PduException(UNEXPECTED_PDU_PARAMETER, false, "second application context item");
                    }
                    appContext = uid(item.body);
                }
                case 0x21 -> contexts.add(readContextAC(item.body));
                case 0x50 -> {
                    if (userInfo != null) {
                        throw new PduException(UNEXPECTED_PDU_PARAMETER, false, "second user information item");
                    }
                    userInfo = readUserInformation(item.body);
                }
                default -> throw new PduException(UNRECOGNIZED_PDU_PARAMETER, false,
                        "unrecognized item 0x" + Integer.toHexString(item.type) + " in A-ASSOCIATE-AC");
            }
        }
        if (appContext == null || userInfo == null) {
            throw invalid("A-ASSOCIATE-AC lacks an application context or user information");
        }
        return new AAssociateAC(f.version, f.calledAe, f.callingAe, appContext, contexts, userInfo);
    }

    private record Fixed(int version, String calledAe, String callingAe) {
    }

    private static Fixed readFixedFields(ByteBuffer b) throws PduException {
        if (b.remaining() < 68) {
            throw invalid("A-ASSOCIATE PDU shorter than its fixed fields");
        }
        int version = b.getShort() & 0xffff;
        b.getShort();
        String called = aeTitle(b);
        String calling = aeTitle(b);
        b.position(b.position() + 32);
        return new Fixed(version, called, calling);
    }

    private static String aeTitle(ByteBuffer b) throws PduException {
        byte[] raw = new byte[16];
        b.get(raw);
        // Leading and trailing spaces are not significant in an AE title (PS3.5 Table 6.2-1).
        String ae = new String(raw, StandardCharsets.US_ASCII).strip();
        try {
            return Uids.checkAeTitle(ae);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** A UID field; trailing NUL or space padding sent by some implementations is tolerated. */
    private static String uid(ByteBuffer b) throws PduException {
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        int n = raw.length;
        while (n > 0 && (raw[n - 1] == 0 || raw[n - 1] == ' ')) {
            n--;
        }
        String s = new String(raw, 0, n, StandardCharsets.US_ASCII);
        if (!Uids.isValid(s)) {
            throw invalid("invalid UID in PDU item: " + Uids.printable(s));
        }
        return s;
    }

    private static String untestedUid(ByteBuffer b) {
        try {
            return uid(b);
        } catch (PduException e) {
            return "";
        }
    }

    private static String uid(ByteBuffer b, int length) throws PduException {
        if (length > b.remaining()) {
            throw invalid("UID length " + length + " exceeds its item");
        }
        ByteBuffer slice = b.slice(b.position(), length);
        b.position(b.position() + length);
        return uid(slice);
    }

    private static PresentationContextRQ readContextRQ(ByteBuffer b) throws PduException {
        if (b.remaining() < 4) {
            throw invalid("presentation context item shorter than 4 bytes");
        }
        int id = b.get() & 0xff;
        b.get();
        b.get();
        b.get();
        String abstractSyntax = null;
        List<String> ts = new ArrayList<>();
        while (b.hasRemaining()) {
            Item item = Item.next(b);
            switch (item.type) {
                case 0x30 -> {
                    if (abstractSyntax != null) {
                        throw new PduException(UNEXPECTED_PDU_PARAMETER, false,
                                "second abstract syntax in presentation context " + id);
                    }
                    abstractSyntax = uid(item.body);
                }
                case 0x40 -> ts.add(uid(item.body));
                default -> throw new PduException(UNRECOGNIZED_PDU_PARAMETER, false,
                        "unrecognized sub-item 0x" + Integer.toHexString(item.type) + " in presentation context");
            }
        }
        if (abstractSyntax == null) {
            throw invalid("presentation context " + id + " without abstract syntax");
        }
        return new PresentationContextRQ(id, abstractSyntax, ts);
    }

    private static PresentationContextAC readContextAC(ByteBuffer b) throws PduException {
        if (b.remaining() < 4) {
            throw invalid("presentation context item shorter than 4 bytes");
        }
        int id = b.get() & 0xff;
        b.get();
        int result = b.get() & 0xff;
        b.get();
        String ts = null;
        while (b.hasRemaining()) {
            Item item = Item.next(b);
            if (item.type != 0x40) {
                throw new PduException(UNRECOGNIZED_PDU_PARAMETER, false,
                        "unrecognized sub-item 0x" + Integer.toHexString(item.type) + " in presentation context");
            }
            if (ts != null) {
                throw new PduException(UNEXPECTED_PDU_PARAMETER, false,
                        "second transfer syntax in accepted presentation context " + id);
            }
            // The transfer syntax of a rejected context "shall not be tested" (PS3.8 §9.3.3.2).
            ts = result == PresentationContextAC.ACCEPTANCE ? uid(item.body) : untestedUid(item.body);
        }
        return new PresentationContextAC(id, result, ts == null ? "" : ts);
    }

    private static UserInformation readUserInformation(ByteBuffer b) throws PduException {
        long maxLength = -1;
        String implClass = null;
        String implVersion = null;
        AsyncOperationsWindow window = null;
        List<RoleSelection> roles = new ArrayList<>();
        List<SopClassExtendedNegotiation> ext = new ArrayList<>();
        List<SopClassCommonExtendedNegotiation> common = new ArrayList<>();
        UserIdentityRQ idRq = null;
        UserIdentityAC idAc = null;
        while (b.hasRemaining()) {
            Item item = Item.next(b);
            ByteBuffer s = item.body;
            switch (item.type) {
                case 0x51 -> {
                    if (s.remaining() != 4) {
                        throw invalid("maximum length sub-item must be 4 bytes");
                    }
                    maxLength = s.getInt() & 0xffffffffL;
                }
                case 0x52 -> implClass = uid(s);
                case 0x53 -> {
                    if (s.remaining() != 4) {
                        throw invalid("asynchronous operations window sub-item must be 4 bytes");
                    }
                    window = new AsyncOperationsWindow(s.getShort() & 0xffff, s.getShort() & 0xffff);
                }
                case 0x54 -> {
                    String sop = uid(s, s.getShort() & 0xffff);
                    int scu = s.get() & 0xff;
                    int scp = s.get() & 0xff;
                    if (scu > 1 || scp > 1 || s.hasRemaining()) {
                        throw invalid("malformed SCP/SCU role selection sub-item");
                    }
                    roles.add(new RoleSelection(sop, scu == 1, scp == 1));
                }
                case 0x55 -> {
                    byte[] raw = new byte[s.remaining()];
                    s.get(raw);
                    implVersion = new String(raw, StandardCharsets.US_ASCII).strip();
                    if (implVersion.isEmpty()) {
                        implVersion = null;
                    }
                }
                case 0x56 -> {
                    String sop = uid(s, s.getShort() & 0xffff);
                    byte[] info = new byte[s.remaining()];
                    s.get(info);
                    ext.add(new SopClassExtendedNegotiation(sop, info));
                }
                case 0x57 -> common.add(readCommonExtended(s));
                case 0x58 -> {
                    int type = s.get() & 0xff;
                    int positive = s.get() & 0xff;
                    byte[] primary = new byte[s.getShort() & 0xffff];
                    s.get(primary);
                    byte[] secondary = new byte[s.getShort() & 0xffff];
                    s.get(secondary);
                    if (s.hasRemaining() || positive > 1) {
                        throw invalid("malformed user identity sub-item");
                    }
                    idRq = new UserIdentityRQ(type, positive == 1, primary, secondary);
                }
                case 0x59 -> {
                    byte[] response = new byte[s.getShort() & 0xffff];
                    s.get(response);
                    if (s.hasRemaining()) {
                        throw invalid("malformed user identity response sub-item");
                    }
                    idAc = new UserIdentityAC(response);
                }
                default -> {
                    // Sub-items that are not recognized are ignored (PS3.7 §D.3.3).
                }
            }
        }
        if (maxLength < 0 || implClass == null) {
            throw invalid("user information lacks the maximum length or implementation class UID sub-item");
        }
        return new UserInformation(maxLength, implClass, implVersion, window, roles, ext, common, idRq, idAc);
    }

    private static SopClassCommonExtendedNegotiation readCommonExtended(ByteBuffer s) throws PduException {
        String sop = uid(s, s.getShort() & 0xffff);
        String service = uid(s, s.getShort() & 0xffff);
        int relatedLength = s.getShort() & 0xffff;
        if (relatedLength != s.remaining()) {
            throw invalid("related general SOP class length does not match its sub-item");
        }
        List<String> related = new ArrayList<>();
        while (s.hasRemaining()) {
            related.add(uid(s, s.getShort() & 0xffff));
        }
        return new SopClassCommonExtendedNegotiation(sop, service, related);
    }

    /** One item or sub-item: type, reserved byte, 16-bit length, body (PS3.8 §9.3.2.1). */
    private record Item(int type, ByteBuffer body) {

        static Item next(ByteBuffer b) throws PduException {
            if (b.remaining() < 4) {
                throw invalid("truncated item header");
            }
            int type = b.get() & 0xff;
            b.get();
            int length = b.getShort() & 0xffff;
            if (length > b.remaining()) {
                throw invalid("item 0x" + Integer.toHexString(type) + " length " + length
                        + " exceeds the enclosing field");
            }
            ByteBuffer body = b.slice(b.position(), length);
            b.position(b.position() + length);
            return new Item(type, body);
        }
    }
}

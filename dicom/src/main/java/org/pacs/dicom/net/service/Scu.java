// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.DataWriter;
import org.pacs.dicom.net.Responses;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.Status;

/**
 * The SCU side of each DIMSE service over an established association: build the request, send
 * it, collect the responses. Data sets are passed encoded in the context's transfer syntax.
 *
 * <pre>{@code
 * int status = Scu.echo(association, Duration.ofSeconds(10));
 * }</pre>
 */
public final class Scu {

    public static final String VERIFICATION = "1.2.840.10008.1.1";

    private Scu() {
    }

    private static AcceptedContext context(Association as, String sopClass) throws IOException {
        return as.context(sopClass).orElseThrow(() -> new IOException("no accepted presentation context for "
                + sopClass));
    }

    /** C-ECHO (PS3.7 §9.1.5); returns the status. */
    public static int echo(Association as, Duration timeout) throws IOException {
        AcceptedContext pc = context(as, VERIFICATION);
        CommandSet rq = CommandSet.request(Dimse.C_ECHO_RQ, as.nextMessageId(), VERIFICATION, false);
        return as.invoke(pc, rq, null).last(timeout).command().status();
    }

    /** C-STORE (PS3.7 §9.1.1) streaming the data set from {@code data}; returns the final response command. */
    public static CommandSet store(Association as, AcceptedContext pc, String sopInstanceUid, DataWriter data,
            String moveOriginatorAe, int moveOriginatorMessageId, Duration timeout) throws IOException {
        CommandSet rq = CommandSet.request(Dimse.C_STORE_RQ, as.nextMessageId(), pc.abstractSyntax(), true)
                .setString(CommandSet.AFFECTED_SOP_INSTANCE_UID, sopInstanceUid)
                .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM);
        if (moveOriginatorAe != null) {
            rq.setString(CommandSet.MOVE_ORIGINATOR_AE_TITLE, moveOriginatorAe)
                    .setInt(CommandSet.MOVE_ORIGINATOR_MESSAGE_ID, moveOriginatorMessageId);
        }
        return as.invoke(pc, rq, data).last(timeout).command();
    }

    public static int store(Association as, AcceptedContext pc, String sopInstanceUid, DataWriter data,
            Duration timeout) throws IOException {
        return store(as, pc, sopInstanceUid, data, null, 0, timeout).status();
    }

    /** C-FIND (PS3.7 §9.1.2): each pending match's identifier goes to {@code matches}; returns the final status. */
    public static int find(Association as, AcceptedContext pc, byte[] identifier, Consumer<byte[]> matches,
            Duration timeout) throws IOException {
        CommandSet rq = CommandSet.request(Dimse.C_FIND_RQ, as.nextMessageId(), pc.abstractSyntax(), true)
                .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM);
        Responses responses = as.invoke(pc, rq, DataWriter.of(identifier));
        while (true) {
            DimseMessage m = responses.next(timeout);
            if (!Status.isPending(m.command().status())) {
                return m.command().status();
            }
            if (m.dataSet() != null) {
                matches.accept(m.dataSet());
            }
        }
    }

    /** C-MOVE (PS3.7 §9.1.4); returns the final response with the sub-operation counts. */
    public static CommandSet move(Association as, AcceptedContext pc, String destination, byte[] identifier,
            Duration timeout) throws IOException {
        CommandSet rq = CommandSet.request(Dimse.C_MOVE_RQ, as.nextMessageId(), pc.abstractSyntax(), true)
                .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM).setString(CommandSet.MOVE_DESTINATION, destination);
        return as.invoke(pc, rq, DataWriter.of(identifier)).last(timeout).command();
    }

    /**
     * C-GET (PS3.7 §9.1.3): the instances come back as C-STORE requests served by the association's
     * request handler; returns the final response with the sub-operation counts.
     */
    public static CommandSet get(Association as, AcceptedContext pc, byte[] identifier, Duration timeout)
            throws IOException {
        CommandSet rq = CommandSet.request(Dimse.C_GET_RQ, as.nextMessageId(), pc.abstractSyntax(), true)
                .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM);
        return as.invoke(pc, rq, DataWriter.of(identifier)).last(timeout).command();
    }

    /**
     * Any DIMSE-N request (PS3.7 §10.1): {@code commandField} one of the N-*-RQ values, {@code typeId}
     * the event or action type (ignored otherwise), {@code tags} the N-GET attribute list.
     */
    public static NResult n(Association as, AcceptedContext pc, int commandField, String sopInstanceUid, int typeId,
            int[] tags, byte[] dataSet, Duration timeout) throws IOException {
        CommandSet rq = CommandSet.request(commandField, as.nextMessageId(), null, dataSet != null);
        boolean affected = commandField == Dimse.N_EVENT_REPORT_RQ || commandField == Dimse.N_CREATE_RQ;
        rq.setString(affected ? CommandSet.AFFECTED_SOP_CLASS_UID : CommandSet.REQUESTED_SOP_CLASS_UID,
                pc.abstractSyntax());
        if (sopInstanceUid != null) {
            rq.setString(affected ? CommandSet.AFFECTED_SOP_INSTANCE_UID : CommandSet.REQUESTED_SOP_INSTANCE_UID,
                    sopInstanceUid);
        }
        if (commandField == Dimse.N_EVENT_REPORT_RQ) {
            rq.setInt(CommandSet.EVENT_TYPE_ID, typeId);
        } else if (commandField == Dimse.N_ACTION_RQ) {
            rq.setInt(CommandSet.ACTION_TYPE_ID, typeId);
        }
        if (tags != null && commandField == Dimse.N_GET_RQ) {
            rq.setTags(CommandSet.ATTRIBUTE_IDENTIFIER_LIST, tags);
        }
        DimseMessage rsp = as.invoke(pc, rq, dataSet == null ? null : DataWriter.of(dataSet)).last(timeout);
        return new NResult(rsp.command().status(), rsp.dataSet(),
                rsp.command().getString(CommandSet.AFFECTED_SOP_INSTANCE_UID));
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.PDataInputStream;
import org.pacs.dicom.net.pdu.PDataTF;
import org.pacs.dicom.net.pdu.PresentationDataValue;

/**
 * Reassembles DIMSE messages from P-DATA indications (PS3.7 §9.3.1, PS3.8 Annex E) on the reader
 * thread, enforcing the limits: a command set is buffered up to {@code maxCommandLength}; a C-STORE
 * data set is handed on as it arrives; other data sets are buffered up to
 * {@code maxBufferedDataSetLength}; neither may arrive in more than {@code maxPDataFragments} pieces.
 */
final class DimseReceiver {

    private static final int STREAM_QUEUE = 4;

    private final Limits limits;
    private final IntPredicate acceptedContext;
    private final Consumer<DimseMessage> dispatch;

    private ByteArrayOutputStream command;
    private int commandContext;
    private int fragments;
    private CommandSet awaitingData;
    private int dataContext;
    private long dataLength;
    private ByteArrayOutputStream buffered;
    private PDataInputStream streaming;

    DimseReceiver(Limits limits, IntPredicate acceptedContext, Consumer<DimseMessage> dispatch) {
        this.limits = limits;
        this.acceptedContext = acceptedContext;
        this.dispatch = dispatch;
    }

    void onPData(PDataTF pdata) throws IOException, InterruptedException {
        for (PresentationDataValue pdv : pdata.values()) {
            if (!acceptedContext.test(pdv.contextId())) {
                throw new DimseProtocolException("PDV on presentation context " + pdv.contextId()
                        + " that was not accepted");
            }
            if (pdv.command()) {
                onCommandFragment(pdv);
            } else {
                onDataFragment(pdv);
            }
        }
    }

    private void onCommandFragment(PresentationDataValue pdv) throws IOException {
        if (awaitingData != null) {
            throw new DimseProtocolException("command fragment while the data set of " + Dimse.name(
                    awaitingData.commandField()) + " is incomplete");
        }
        if (command == null) {
            command = new ByteArrayOutputStream(Math.min(pdv.length(), limits.maxCommandLength()));
            commandContext = pdv.contextId();
            fragments = 0;
        } else if (pdv.contextId() != commandContext) {
            throw new DimseProtocolException("command fragments on two presentation contexts");
        }
        if (++fragments > limits.maxPDataFragments()) {
            throw new DimseProtocolException("command set in more than " + limits.maxPDataFragments() + " fragments");
        }
        if (command.size() + (long) pdv.length() > limits.maxCommandLength()) {
            throw new DimseProtocolException("command set longer than " + limits.maxCommandLength() + " bytes");
        }
        pdv.writeTo(command);
        if (!pdv.last()) {
            return;
        }
        CommandSet cmd;
        try {
            cmd = CommandSet.decode(command.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new DimseProtocolException("malformed command set: " + e.getMessage());
        }
        command = null;
        if (!cmd.hasDataSet()) {
            dispatch.accept(new DimseMessage(commandContext, cmd, null, null));
            return;
        }
        awaitingData = cmd;
        dataContext = commandContext;
        dataLength = 0;
        fragments = 0;
        if (cmd.commandField() == Dimse.C_STORE_RQ) {
            streaming = new PDataInputStream(STREAM_QUEUE);
            dispatch.accept(new DimseMessage(dataContext, cmd, null, streaming));
        } else {
            buffered = new ByteArrayOutputStream();
        }
    }

    private void onDataFragment(PresentationDataValue pdv) throws IOException, InterruptedException {
        if (awaitingData == null) {
            throw new DimseProtocolException("data fragment without a command announcing a data set");
        }
        if (pdv.contextId() != dataContext) {
            throw new DimseProtocolException("data set on presentation context " + pdv.contextId()
                    + ", its command on " + dataContext);
        }
        dataLength += pdv.length();
        if (dataLength > limits.maxDataSetLength()) {
            throw new DimseProtocolException("data set longer than " + limits.maxDataSetLength() + " bytes");
        }
        if (streaming != null) {
            streaming.push(pdv);
        } else {
            if (++fragments > limits.maxPDataFragments()) {
                throw new DimseProtocolException("data set in more than " + limits.maxPDataFragments()
                        + " buffered fragments");
            }
            if (dataLength > limits.maxBufferedDataSetLength()) {
                throw new DimseProtocolException("buffered data set longer than " + limits.maxBufferedDataSetLength()
                        + " bytes");
            }
            pdv.writeTo(buffered);
        }
        if (pdv.last()) {
            CommandSet cmd = awaitingData;
            ByteArrayOutputStream data = buffered;
            awaitingData = null;
            buffered = null;
            streaming = null;
            if (data != null) {
                dispatch.accept(new DimseMessage(dataContext, cmd, data.toByteArray(), null));
            }
        }
    }

    /** The association ended: a consumer still reading a data set gets {@code cause}. */
    void fail(IOException cause) {
        PDataInputStream s = streaming;
        if (s != null) {
            s.fail(cause);
        }
    }

    boolean idle() {
        return command == null && awaitingData == null;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.DataWriter;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.Status;

/**
 * Routes each DIMSE request to the service that answers it (one interface per service) and turns
 * the service's result into the response PS3.7 prescribes. A service not registered answers
 * "SOP Class not supported" (0122H).
 *
 * <pre>{@code
 * RequestHandler scp = ServiceRegistry.builder().echo(CEchoScp.SUCCESS).store(myStore).find(myFind).build();
 * }</pre>
 */
public final class ServiceRegistry implements RequestHandler {

    /** Failed SOP Instance UID List (0008,0058). */
    private static final int FAILED_SOP_INSTANCE_UID_LIST = 0x00080058;

    private enum N { EVENT_REPORT, GET, SET, ACTION, CREATE, DELETE }

    private final CEchoScp echo;
    private final CStoreScp store;
    private final CFindScp find;
    private final CMoveScp move;
    private final CGetScp get;
    private final Map<N, Object> nServices;

    private ServiceRegistry(Builder b) {
        this.echo = b.echo;
        this.store = b.store;
        this.find = b.find;
        this.move = b.move;
        this.get = b.get;
        this.nServices = new EnumMap<>(b.nServices);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the services an AE offers. */
    public static final class Builder {
        private CEchoScp echo;
        private CStoreScp store;
        private CFindScp find;
        private CMoveScp move;
        private CGetScp get;
        private final Map<N, Object> nServices = new EnumMap<>(N.class);

        public Builder echo(CEchoScp s) {
            echo = s;
            return this;
        }

        public Builder store(CStoreScp s) {
            store = s;
            return this;
        }

        public Builder find(CFindScp s) {
            find = s;
            return this;
        }

        public Builder move(CMoveScp s) {
            move = s;
            return this;
        }

        public Builder get(CGetScp s) {
            get = s;
            return this;
        }

        public Builder eventReport(NEventReportScp s) {
            nServices.put(N.EVENT_REPORT, s);
            return this;
        }

        public Builder nGet(NGetScp s) {
            nServices.put(N.GET, s);
            return this;
        }

        public Builder nSet(NSetScp s) {
            nServices.put(N.SET, s);
            return this;
        }

        public Builder action(NActionScp s) {
            nServices.put(N.ACTION, s);
            return this;
        }

        public Builder create(NCreateScp s) {
            nServices.put(N.CREATE, s);
            return this;
        }

        public Builder delete(NDeleteScp s) {
            nServices.put(N.DELETE, s);
            return this;
        }

        public ServiceRegistry build() {
            return new ServiceRegistry(this);
        }
    }

    @Override
    public void onRequest(Association as, DimseMessage rq) throws IOException {
        CommandSet cmd = rq.command();
        AcceptedContext pc = as.context(rq.contextId());
        String ts = pc.transferSyntax();
        switch (cmd.commandField()) {
            case Dimse.C_ECHO_RQ -> finish(as, rq, echo == null ? Status.SOP_CLASS_NOT_SUPPORTED : echo.echo(as));
            case Dimse.C_STORE_RQ -> {
                if (store == null) {
                    finish(as, rq, Status.SOP_CLASS_NOT_SUPPORTED);
                    return;
                }
                StoreRequest req = new StoreRequest(cmd.getString(CommandSet.AFFECTED_SOP_CLASS_UID),
                        cmd.getString(CommandSet.AFFECTED_SOP_INSTANCE_UID), ts,
                        cmd.getInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM),
                        cmd.getString(CommandSet.MOVE_ORIGINATOR_AE_TITLE),
                        cmd.getInt(CommandSet.MOVE_ORIGINATOR_MESSAGE_ID, 0));
                CStoreScp.Result result = store.storeWithComment(as, req, rq.stream());
                CommandSet rsp = CommandSet.response(rq.command(), result.status(), false);
                if (result.errorComment() != null && !Status.isSuccess(result.status())) {
                    rsp.setString(CommandSet.ERROR_COMMENT, result.errorComment());
                }
                as.respond(rq, rsp, null);
            }
            case Dimse.C_FIND_RQ -> {
                if (find == null || rq.dataSet() == null) {
                    finish(as, rq, find == null ? Status.SOP_CLASS_NOT_SUPPORTED : Status.CANNOT_UNDERSTAND);
                    return;
                }
                int status = find.find(as, query(as, rq, ts), identifier -> as.respond(rq,
                        CommandSet.response(cmd, Status.PENDING, true), DataWriter.of(identifier)));
                finish(as, rq, status);
            }
            case Dimse.C_MOVE_RQ, Dimse.C_GET_RQ -> retrieve(as, rq, ts);
            case Dimse.N_EVENT_REPORT_RQ -> nService(as, rq, N.EVENT_REPORT, ts);
            case Dimse.N_GET_RQ -> nService(as, rq, N.GET, ts);
            case Dimse.N_SET_RQ -> nService(as, rq, N.SET, ts);
            case Dimse.N_ACTION_RQ -> nService(as, rq, N.ACTION, ts);
            case Dimse.N_CREATE_RQ -> nService(as, rq, N.CREATE, ts);
            case Dimse.N_DELETE_RQ -> nService(as, rq, N.DELETE, ts);
            default -> finish(as, rq, Status.UNRECOGNIZED_OPERATION);
        }
    }

    private static QueryRequest query(Association as, DimseMessage rq, String ts) {
        CommandSet cmd = rq.command();
        int id = cmd.messageId();
        return new QueryRequest(cmd.getString(CommandSet.AFFECTED_SOP_CLASS_UID), id,
                cmd.getInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM), rq.dataSet(), ts,
                cmd.getString(CommandSet.MOVE_DESTINATION), () -> as.isCancelled(id));
    }

    private void retrieve(Association as, DimseMessage rq, String ts) throws IOException {
        boolean isMove = rq.command().commandField() == Dimse.C_MOVE_RQ;
        if ((isMove ? move : get) == null || rq.dataSet() == null) {
            finish(as, rq, (isMove ? move : get) == null ? Status.SOP_CLASS_NOT_SUPPORTED : Status.CANNOT_UNDERSTAND);
            return;
        }
        Counter progress = new Counter(as, rq);
        QueryRequest req = query(as, rq, ts);
        int status = isMove ? move.move(as, req, progress) : get.get(as, req, progress);
        byte[] failedList = null;
        if (!progress.failedUids.isEmpty() && !Status.isSuccess(status)) {
            Attributes list = new Attributes();
            list.setString(FAILED_SOP_INSTANCE_UID_LIST, VR.UI, progress.failedUids.toArray(String[]::new));
            failedList = Identifiers.encode(list, ts);
        }
        CommandSet rsp = CommandSet.response(rq.command(), status, failedList != null);
        progress.putCounts(rsp, status == Status.CANCEL);
        as.respond(rq, rsp, failedList == null ? null : DataWriter.of(failedList));
    }

    private void nService(Association as, DimseMessage rq, N kind, String ts) throws IOException {
        Object service = nServices.get(kind);
        if (service == null) {
            finish(as, rq, Status.SOP_CLASS_NOT_SUPPORTED);
            return;
        }
        CommandSet cmd = rq.command();
        String sopClass = cmd.getString(CommandSet.AFFECTED_SOP_CLASS_UID);
        if (sopClass == null) {
            sopClass = cmd.getString(CommandSet.REQUESTED_SOP_CLASS_UID);
        }
        String instance = cmd.getString(CommandSet.AFFECTED_SOP_INSTANCE_UID);
        if (instance == null) {
            instance = cmd.getString(CommandSet.REQUESTED_SOP_INSTANCE_UID);
        }
        int typeId = kind == N.EVENT_REPORT ? cmd.getInt(CommandSet.EVENT_TYPE_ID, 0)
                : cmd.getInt(CommandSet.ACTION_TYPE_ID, 0);
        NRequest req = new NRequest(cmd.commandField(), sopClass, instance, typeId,
                cmd.getTags(CommandSet.ATTRIBUTE_IDENTIFIER_LIST), rq.dataSet(), ts);
        NResult result = switch (kind) {
            case EVENT_REPORT -> ((NEventReportScp) service).handle(as, req);
            case GET -> ((NGetScp) service).handle(as, req);
            case SET -> ((NSetScp) service).handle(as, req);
            case ACTION -> ((NActionScp) service).handle(as, req);
            case CREATE -> ((NCreateScp) service).handle(as, req);
            case DELETE -> ((NDeleteScp) service).handle(as, req);
        };
        CommandSet rsp = CommandSet.response(cmd, result.status(), result.dataSet() != null);
        if (kind == N.EVENT_REPORT) {
            rsp.setInt(CommandSet.EVENT_TYPE_ID, typeId);
        } else if (kind == N.ACTION) {
            rsp.setInt(CommandSet.ACTION_TYPE_ID, typeId);
        }
        if (result.affectedSopInstanceUid() != null) {
            rsp.setString(CommandSet.AFFECTED_SOP_INSTANCE_UID, result.affectedSopInstanceUid());
        }
        as.respond(rq, rsp, result.dataSet() == null ? null : DataWriter.of(result.dataSet()));
    }

    private static void finish(Association as, DimseMessage rq, int status) throws IOException {
        as.respond(rq, CommandSet.response(rq.command(), status, false), null);
    }

    /** Sub-operation counts, reported in pending C-MOVE/C-GET responses (PS3.7 §9.1.3.1, §9.1.4.1). */
    private static final class Counter implements SubOperations {
        private final Association as;
        private final DimseMessage rq;
        private int remaining;
        private int completed;
        private int failed;
        private int warning;
        private final java.util.List<String> failedUids = new java.util.ArrayList<>();

        Counter(Association as, DimseMessage rq) {
            this.as = as;
            this.rq = rq;
        }

        @Override
        public void remaining(int n) {
            remaining = n;
        }

        @Override
        public void completed(String sopInstanceUid, int storeStatus) throws IOException {
            if (!Status.isSuccess(storeStatus) && !Status.isWarning(storeStatus) && sopInstanceUid != null) {
                failedUids.add(sopInstanceUid);
            }
            completed(storeStatus);
        }

        @Override
        public void completed(int storeStatus) throws IOException {
            if (Status.isSuccess(storeStatus)) {
                completed++;
            } else if (Status.isWarning(storeStatus)) {
                warning++;
            } else {
                failed++;
            }
            remaining = Math.max(0, remaining - 1);
            if (remaining > 0) {
                CommandSet rsp = CommandSet.response(rq.command(), Status.PENDING, false);
                putCounts(rsp, true);
                as.respond(rq, rsp, null);
            }
        }

        void putCounts(CommandSet rsp, boolean withRemaining) {
            if (withRemaining) {
                rsp.setInt(CommandSet.NUMBER_OF_REMAINING_SUBOPERATIONS, remaining);
            }
            rsp.setInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, completed);
            rsp.setInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, failed);
            rsp.setInt(CommandSet.NUMBER_OF_WARNING_SUBOPERATIONS, warning);
        }

        @Override
        public int completed() {
            return completed;
        }

        @Override
        public int failed() {
            return failed;
        }

        @Override
        public int warning() {
            return warning;
        }

        @Override
        public int remaining() {
            return remaining;
        }
    }
}

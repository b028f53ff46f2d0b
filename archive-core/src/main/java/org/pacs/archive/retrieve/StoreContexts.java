// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.pdu.PresentationContextRQ;

/**
 * Presentation contexts for C-STORE sub-operations (PS3.4 §C.4.2.3.1 note 1, PS3.8 §7.1.1.13): what
 * to propose on a sub-association, and which accepted context carries one instance. An instance goes
 * in its stored transfer syntax when the peer accepted it, byte for byte; otherwise, if it is stored
 * in a native syntax, in an accepted native syntax by transcoding; otherwise it cannot go.
 *
 * <pre>{@code
 * List<PresentationContextRQ> pcs = StoreContexts.proposals(retrieval.instances());
 * Optional<StoreContexts.Choice> c = StoreContexts.choose(association.contexts().values(),
 *         StoreContexts.Sender.REQUESTOR, sopClassUid, storedTransferSyntaxUid);
 * }</pre>
 */
public final class StoreContexts {
    /** PS3.8 §9.3.2.2: odd IDs 1–255, so at most 128 contexts. */
    private static final int MAX_CONTEXTS = 128;

    /** Which side of the association sends the C-STORE requests: the role it needs for the SOP class. */
    public enum Sender {
        /** A C-MOVE sub-association this archive opened: the requestor is the Storage SCU. */
        REQUESTOR,
        /** A C-GET: the acceptor sends, so the requestor must have taken the SCP role (PS3.7 §D.3.3.4). */
        ACCEPTOR
    }

    /**
     * The accepted context for one instance.
     *
     * @param transcode true when the data set must be re-encoded into the context's transfer syntax
     */
    public record Choice(AcceptedContext context, boolean transcode) {
    }

    private StoreContexts() {
    }

    /**
     * For each SOP class of {@code instances}, in order: one context per stored transfer syntax and, if
     * any instance of the class is stored in a native syntax, one offering Explicit and Implicit VR Little
     * Endian to fall back on. Stops at 128 contexts; instances of classes left out will find no context.
     */
    public static List<PresentationContextRQ> proposals(Collection<InstanceLocation> instances) {
        Map<String, Set<String>> syntaxesByClass = new LinkedHashMap<>();
        for (InstanceLocation i : instances) {
            syntaxesByClass.computeIfAbsent(i.sopClassUid(), k -> new LinkedHashSet<>()).add(i.transferSyntaxUid());
        }
        List<PresentationContextRQ> out = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, Set<String>> e : syntaxesByClass.entrySet()) {
            boolean anyNative = false;
            for (String ts : e.getValue()) {
                if (out.size() == MAX_CONTEXTS) {
                    return out;
                }
                out.add(new PresentationContextRQ(id, e.getKey(), ts));
                id += 2;
                anyNative |= Transcoder.canRead(ts);
            }
            if (anyNative) {
                if (out.size() == MAX_CONTEXTS) {
                    return out;
                }
                out.add(new PresentationContextRQ(id, e.getKey(), Transcoder.EXPLICIT_LE, Transcoder.IMPLICIT_LE));
                id += 2;
            }
        }
        return out;
    }

    /** The context to send an instance of {@code sopClassUid} stored in {@code storedTransferSyntaxUid}, if any. */
    public static Optional<Choice> choose(Collection<AcceptedContext> accepted, Sender sender, String sopClassUid,
            String storedTransferSyntaxUid) {
        List<AcceptedContext> usable = accepted.stream()
                .filter(c -> c.abstractSyntax().equals(sopClassUid))
                .filter(c -> sender == Sender.REQUESTOR ? c.roles().requestorScu() : c.roles().acceptorScu())
                .toList();
        for (AcceptedContext c : usable) {
            if (c.transferSyntax().equals(storedTransferSyntaxUid)) {
                return Optional.of(new Choice(c, false));
            }
        }
        if (Transcoder.canRead(storedTransferSyntaxUid)) {
            for (String target : Transcoder.TARGETS) {
                for (AcceptedContext c : usable) {
                    if (c.transferSyntax().equals(target)) {
                        return Optional.of(new Choice(c, true));
                    }
                }
            }
        }
        return Optional.empty();
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextAC;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;

/**
 * Presentation context negotiation (PS3.8 §7.1.1.13, PS3.7 §D.3.3.4) as pure functions: the
 * acceptor's answer to each proposed context, and the contexts both sides end up with.
 *
 * <pre>{@code
 * var answer = PresentationContexts.negotiate(rq, capabilities, TransferSyntaxPreference.ACCEPTOR);
 * }</pre>
 */
public final class PresentationContexts {

    private PresentationContexts() {
    }

    /** The acceptor's results for each proposed context and its role selection replies. */
    public record Answer(List<PresentationContextAC> contexts, List<RoleSelection> roleSelections) {
    }

    /**
     * Answers each proposed context against the acceptor's capabilities. A context is accepted when
     * the acceptor supports its SOP class in a role left by role selection, with the transfer
     * syntax chosen by {@code preference}; otherwise it gets abstract-syntax-not-supported or
     * transfer-syntaxes-not-supported.
     */
    public static Answer negotiate(AAssociateRQ rq, List<TransferCapability> capabilities,
            TransferSyntaxPreference preference) {
        Map<String, RoleSelection> proposedRoles = new LinkedHashMap<>();
        for (RoleSelection r : rq.userInformation().roleSelections()) {
            proposedRoles.putIfAbsent(r.sopClassUid(), r);
        }
        Map<String, RoleSelection> replies = new LinkedHashMap<>();
        for (RoleSelection r : proposedRoles.values()) {
            replies.put(r.sopClassUid(), Roles.answer(r, supports(capabilities, r.sopClassUid(), Role.SCP),
                    supports(capabilities, r.sopClassUid(), Role.SCU)));
        }
        List<PresentationContextAC> results = new ArrayList<>();
        for (PresentationContextRQ pc : rq.presentationContexts()) {
            String sop = pc.abstractSyntax();
            Roles.Outcome roles = Roles.outcome(proposedRoles.get(sop), replies.get(sop));
            List<String> ours = new ArrayList<>();
            if (roles.acceptorScp()) {
                ours.addAll(syntaxes(capabilities, sop, Role.SCP));
            }
            if (roles.acceptorScu()) {
                ours.addAll(syntaxes(capabilities, sop, Role.SCU));
            }
            String rejectedTs = pc.transferSyntaxes().getFirst();
            if (ours.isEmpty()) {
                results.add(new PresentationContextAC(pc.id(), PresentationContextAC.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                        rejectedTs));
                continue;
            }
            String chosen = choose(pc.transferSyntaxes(), ours, preference);
            results.add(chosen == null
                    ? new PresentationContextAC(pc.id(), PresentationContextAC.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                            rejectedTs)
                    : PresentationContextAC.accept(pc.id(), chosen));
        }
        return new Answer(results, List.copyOf(replies.values()));
    }

    static String choose(List<String> proposed, List<String> ours, TransferSyntaxPreference preference) {
        Set<String> ourSet = new LinkedHashSet<>(ours);
        if (preference == TransferSyntaxPreference.REQUESTOR) {
            return proposed.stream().filter(ourSet::contains).findFirst().orElse(null);
        }
        return ourSet.stream().filter(proposed::contains).findFirst().orElse(null);
    }

    private static boolean supports(List<TransferCapability> caps, String sop, Role role) {
        return caps.stream().anyMatch(c -> c.role() == role && c.sopClassUid().equals(sop));
    }

    private static List<String> syntaxes(List<TransferCapability> caps, String sop, Role role) {
        List<String> out = new ArrayList<>();
        caps.stream().filter(c -> c.role() == role && c.sopClassUid().equals(sop))
                .forEach(c -> out.addAll(c.transferSyntaxes()));
        return out;
    }

    /**
     * The contexts accepted on an association, by ID, with their negotiated roles: what both the
     * requestor and the acceptor use once the A-ASSOCIATE-AC is known.
     */
    public static Map<Integer, AcceptedContext> accepted(AAssociateRQ rq, AAssociateAC ac) {
        Map<String, RoleSelection> proposed = new LinkedHashMap<>();
        rq.userInformation().roleSelections().forEach(r -> proposed.putIfAbsent(r.sopClassUid(), r));
        Map<String, RoleSelection> replies = new LinkedHashMap<>();
        ac.userInformation().roleSelections().forEach(r -> replies.putIfAbsent(r.sopClassUid(), r));
        Map<Integer, AcceptedContext> out = new LinkedHashMap<>();
        for (PresentationContextAC result : ac.presentationContexts()) {
            PresentationContextRQ pc = rq.presentationContext(result.id());
            // A result for a context never proposed, or a syntax never offered, is ignored.
            if (pc == null || !result.isAccepted() || !pc.transferSyntaxes().contains(result.transferSyntax())) {
                continue;
            }
            Roles.Outcome roles = Roles.outcome(proposed.get(pc.abstractSyntax()), replies.get(pc.abstractSyntax()));
            if (!roles.none()) {
                out.put(pc.id(), new AcceptedContext(pc.id(), pc.abstractSyntax(), result.transferSyntax(), roles));
            }
        }
        return out;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.EventOutcome;
import org.pacs.auth.audit.EventType;
import org.pacs.auth.audit.PatientStudies;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.WebAudit;

/**
 * {@link WebAudit} on the archive's one audit trail: users appear by user name and client address.
 * A failed append is logged as an operational alarm and never changes the HTTP answer.
 */
public final class TrailWebAudit implements WebAudit {
    private static final Logger LOG = Logger.getLogger(TrailWebAudit.class.getName());

    private final AuditTrail trail;
    private final AuditEvents events;

    public TrailWebAudit(AuditTrail trail, AuditEvents events) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public void query(Caller caller, URI resource, String keysJson) {
        record(events.query(actor(caller), resource, keysJson));
    }

    @Override
    public void retrieved(Caller caller, Map<String, Set<String>> studiesByPatient, String what) {
        studiesByPatient.forEach((patientId, studies) -> record(events.retrieve(actor(caller),
                PatientStudies.of(patientId == null ? "" : patientId, studies.toArray(String[]::new)))));
    }

    @Override
    public void denied(Caller caller, String what, String reason) {
        record(events.securityAlert(EventType.USE_OF_RESTRICTED_FUNCTION, actor(caller), EventOutcome.MINOR_FAILURE,
                what + " refused: " + reason));
    }

    @Override
    public void authenticationFailed(String address, String reason) {
        AuditEvent e = events.login(Actor.user("(bearer token)", address.isEmpty() ? null : address), false,
                "DICOMweb bearer token refused: " + reason);
        record(e);
    }

    private static Actor actor(Caller caller) {
        return Actor.user(caller.name(), caller.address().isEmpty() ? null : caller.address());
    }

    private void record(AuditEvent event) {
        try {
            trail.append(event);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not append to the audit trail", e);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.time.Clock;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.AuditTrailInUseException;
import org.pacs.auth.audit.EventActionCode;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * Audit records of changes made with {@code ./pacs} commands. The running archive is the one writer of
 * the trail and records what it sees change; when it is not running, the command writes the record
 * itself, so no change goes unrecorded either way.
 */
final class OfflineAudit {
    private OfflineAudit() {
    }

    static void aeChange(Config config, KeyRing keys, String aeTitle, EventActionCode change, String description)
            throws IOException {
        String archive = config.string(Settings.AE_TITLE);
        AuditEvents events = new AuditEvents(AuditSource.of(archive), Actor.ae(archive, "127.0.0.1"),
                Clock.systemUTC());
        try (AuditTrail trail = AuditTrail.open(config.dataDir(), keys)) {
            trail.append(events.aeChange(Actor.user("local operator (./pacs ae)", "127.0.0.1"), aeTitle, change,
                    description));
        } catch (AuditTrailInUseException heldByTheArchive) {
            // The running archive holds the trail; it records this change when it re-reads the registry.
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.time.Clock;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.AuditTrailInUseException;
import org.pacs.auth.audit.EventActionCode;
import org.pacs.auth.identity.IdentityAuditEvents;
import org.pacs.auth.identity.StudyShare;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * Audit records of {@code ./pacs user} and {@code ./pacs share} changes, written by the command when
 * the archive is not running (as {@link OfflineAudit} does for AEs).
 *
 * @return from each method: false if the running archive holds the trail and the record could not be
 *     written here, so the command can say so
 */
final class IdentityAudit {
    static final String OPERATOR_ADDRESS = "127.0.0.1";
    static final String HELD_BY_ARCHIVE = "note: the archive is running and holds the audit trail; the archive records "
            + "this change (IdentityChangeAudit), not this command";

    private IdentityAudit() {
    }

    static boolean userChange(Config config, KeyRing keys, String user, EventActionCode change, String description)
            throws IOException {
        return append(config, keys, events(config).userChange(operator("user"), OPERATOR_ADDRESS, user, change,
                description));
    }

    static boolean shareChange(Config config, KeyRing keys, StudyShare share, EventActionCode change)
            throws IOException {
        return append(config, keys, events(config).shareChange(operator("share"), OPERATOR_ADDRESS, share, change));
    }

    static String operator(String command) {
        return "local operator (./pacs " + command + ")";
    }

    private static IdentityAuditEvents events(Config config) {
        String archive = config.string(Settings.AE_TITLE);
        return new IdentityAuditEvents(AuditSource.of(archive), archive, Clock.systemUTC());
    }

    private static boolean append(Config config, KeyRing keys, AuditEvent event) throws IOException {
        try (AuditTrail trail = AuditTrail.open(config.dataDir(), keys)) {
            trail.append(event);
            return true;
        } catch (AuditTrailInUseException heldByTheArchive) {
            return false;
        }
    }
}

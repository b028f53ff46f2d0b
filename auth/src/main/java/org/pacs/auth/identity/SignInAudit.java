// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.EventOutcome;
import org.pacs.auth.audit.EventType;

/**
 * Where sign-in outcomes go: PS3.15 §A.5.3.12 User Authentication (login success or failure, logout),
 * and a Security Alert when a replayed refresh token ends a session.
 *
 * <pre>{@code
 * SignInAudit audit = SignInAudit.to(events, trail);
 * }</pre>
 */
public interface SignInAudit {

    /** Records nothing; for tests and tools. */
    SignInAudit NONE = new SignInAudit() {
        @Override
        public void signIn(String user, String address, boolean success, String reason) {
        }

        @Override
        public void signOut(String user, String address) {
        }

        @Override
        public void alert(String user, String address, String description) {
        }
    };

    /** @param reason why it failed (unknown user, wrong password, locked, disabled); null on success */
    void signIn(String user, String address, boolean success, String reason);

    void signOut(String user, String address);

    /** Something that looks like an attack on the user's session. */
    void alert(String user, String address, String description);

    /** Appends to {@code trail}; an append that fails is logged, never thrown at the user. */
    static SignInAudit to(AuditEvents events, AuditTrail trail) {
        Logger log = Logger.getLogger(SignInAudit.class.getName());
        return new SignInAudit() {
            @Override
            public void signIn(String user, String address, boolean success, String reason) {
                append(events.login(Actor.user(user, address), success, reason));
            }

            @Override
            public void signOut(String user, String address) {
                append(events.logout(Actor.user(user, address)));
            }

            @Override
            public void alert(String user, String address, String description) {
                append(events.securityAlert(EventType.USER_SECURITY_ATTRIBUTES_CHANGED, Actor.user(user, address),
                        EventOutcome.MINOR_FAILURE, description));
            }

            private void append(AuditEvent event) {
                try {
                    trail.append(event);
                } catch (IOException | RuntimeException e) {
                    log.log(Level.SEVERE, "sign-in event not recorded in the audit trail: " + e.getMessage());
                }
            }
        };
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.time.Instant;

/**
 * A revoked AE registration: the AE title and the certificate it was bound to (null fingerprint and
 * serial for a legacy AE without one). Kept for good: a revoked certificate stays refused even if
 * the AE title is registered again with a new one.
 */
public record Revocation(String aeTitle, String sha256, String serial, Instant at, String reason) {
}

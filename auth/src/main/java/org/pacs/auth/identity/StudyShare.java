// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One study made visible to one user by an admin or radiologist, until {@code expires}: the way a
 * referring physician sees a study whose Referring Physician's Name is not theirs.
 *
 * @param id short random identifier, for {@code ./pacs share revoke ID}
 * @param withUser the user name it is shared with (embedded user name, or OIDC {@code preferred_username})
 * @param by who shared it
 */
public record StudyShare(String id, String studyInstanceUid, String withUser, String by, Instant created,
        Instant expires) {

    /** PS3.5 §9.1: digits and dots, no empty or leading-zero component, at most 64 characters. */
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    public StudyShare {
        Objects.requireNonNull(id, "id");
        studyInstanceUid = requireValidUid(studyInstanceUid);
        withUser = LocalUser.requireValidName(withUser);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("a share must expire after it was made");
        }
    }

    public static String requireValidUid(String uid) {
        String u = uid == null ? "" : uid.strip();
        if (u.length() > 64 || !UID.matcher(u).matches()) {
            throw new IllegalArgumentException("'" + uid + "' is not a UID (PS3.5 §9.1: digits and dots, at most 64)");
        }
        return u;
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }
}

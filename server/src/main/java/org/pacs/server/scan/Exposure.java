// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.scan;

/**
 * The exposures of the news stories about open PACS on the internet, one per check that
 * {@link LegacyPacsScanner} makes. Each names what a stranger could do if the check finds it.
 */
public enum Exposure {
    PLAINTEXT_ASSOCIATION("plaintext association accepted for a common AE title",
            "anyone who reaches the port can talk DICOM to it, unencrypted, by guessing a well-known AE title"),
    ANONYMOUS_FIND("anonymous C-FIND answered",
            "anyone can list the studies (names, birth dates, IDs) without proving who they are"),
    MOVE_TO_UNKNOWN_AE("C-MOVE to an unknown AE title not refused",
            "anyone may be able to have images sent to a destination they control"),
    ANONYMOUS_TLS("TLS accepted without a client certificate",
            "the TLS port authenticates nobody: encryption without knowing who is on the other end");

    private final String title;
    private final String risk;

    Exposure(String title, String risk) {
        this.title = title;
        this.risk = risk;
    }

    public String title() {
        return title;
    }

    public String risk() {
        return risk;
    }
}

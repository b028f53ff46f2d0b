// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

/** The listener an association arrived on. */
public enum Listener {
    /** DICOM over TLS with client certificates (PS3.15 Annex B), the normal one. */
    TLS,
    /** Plaintext DICOM for legacy modalities: store only, registered legacy AEs from their IP. */
    LEGACY
}

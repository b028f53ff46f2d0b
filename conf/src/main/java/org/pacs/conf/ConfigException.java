// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

/**
 * A configuration mistake, naming the key, the bad value and the fix, e.g.
 * {@code server.dicomTlsPort = "70000": not a port number. Fix: a number from 1 to 65535 in pacs.yaml
 * or PACS_SERVER_DICOM_TLS_PORT.}
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem, String fix) {
        super(key + ": " + problem + ". Fix: " + fix);
        this.key = key;
    }

    /** The dotted key of the setting at fault. */
    public String key() {
        return key;
    }
}

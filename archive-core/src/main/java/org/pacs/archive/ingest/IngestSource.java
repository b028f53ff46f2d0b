// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

/**
 * Who sent an object: the protocol, the AE title or user name, and the network address. Never holds
 * patient data, so it may appear in log lines.
 */
public record IngestSource(String protocol, String principal, String address) {
    public static IngestSource dicom(String callingAeTitle, String address) {
        return new IngestSource("DICOM", callingAeTitle, address);
    }

    public static IngestSource importer(String path) {
        return new IngestSource("IMPORT", "local", path);
    }
}

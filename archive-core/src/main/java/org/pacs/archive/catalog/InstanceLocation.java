// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

/** What a retrieve needs to send one instance: its UIDs, its stored transfer syntax and its blob. */
public record InstanceLocation(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String sopClassUid, String transferSyntaxUid, BlobLocation blob) {
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * What the DICOMweb services tell the audit trail (PS3.15 §A.5.3): queries, instances sent, refusals
 * and refused credentials. Stores are audited by the ingest path's listener, like C-STORE. Called on the
 * request's thread; implementations must not block long.
 */
public interface WebAudit {
    /** Does nothing: for tools without an audit trail. */
    WebAudit NONE = new WebAudit() {
        @Override
        public void query(Caller caller, URI resource, String keysJson) {
        }

        @Override
        public void retrieved(Caller caller, Map<String, Set<String>> studiesByPatient, String what) {
        }

        @Override
        public void denied(Caller caller, String what, String reason) {
        }

        @Override
        public void authenticationFailed(String address, String reason) {
        }
    };

    /**
     * A QIDO-RS query is about to run (PS3.15 §A.5.3.10, note 2: the resource and its query keys).
     *
     * @param keysJson the query parameters as a JSON object
     */
    void query(Caller caller, URI resource, String keysJson);

    /**
     * Instances (or their metadata, frames, renderings) were sent: DICOM Instances Transferred, Read.
     *
     * @param studiesByPatient Study Instance UIDs by Patient ID
     * @param what the resource kind, such as "WADO-RS metadata"
     */
    void retrieved(Caller caller, Map<String, Set<String>> studiesByPatient, String what);

    /**
     * A request was refused for want of a role, or asked for a study outside the caller's scope (the
     * caller was told 403 or 404).
     *
     * @param reason roles and resource kinds only
     */
    void denied(Caller caller, String what, String reason);

    /** A bearer token was presented and refused. */
    void authenticationFailed(String address, String reason);
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

/**
 * A request that cannot be answered as asked: the HTTP status and a short reason for the client. The
 * reason names the rule broken (a parameter, a media type, a section of PS3.18), never patient data.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;

    public HttpProblem(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpProblem badRequest(String reason) {
        return new HttpProblem(400, reason);
    }

    public static HttpProblem notFound() {
        return new HttpProblem(404, "Not found");
    }

    public static HttpProblem notAcceptable(String reason) {
        return new HttpProblem(406, reason);
    }

    public static HttpProblem unsupportedMediaType(String reason) {
        return new HttpProblem(415, reason);
    }

    public static HttpProblem forbidden() {
        return new HttpProblem(403, "Forbidden");
    }
}

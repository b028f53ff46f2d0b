// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Liveness for load balancers and orchestrators: unauthenticated, answers "ok" and nothing else. */
public final class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        rsp.setStatus(200);
        rsp.setContentType("text/plain;charset=utf-8");
        rsp.getWriter().write("ok\n");
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request that came in on the plaintext connector with a permanent redirect (308) to the
 * same path over HTTPS, never with data; requests on other connectors pass through. The HTTPS port is
 * asked per request (it may be ephemeral).
 */
public final class HttpsRedirectHandler extends Handler.Wrapper {
    private final Connector plaintext;
    private final IntSupplier httpsPort;
    private final String fallbackHost;

    public HttpsRedirectHandler(Handler next, Connector plaintext, IntSupplier httpsPort, String fallbackHost) {
        super(next);
        this.plaintext = plaintext;
        this.httpsPort = httpsPort;
        this.fallbackHost = fallbackHost;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().getConnector() != plaintext) {
            return super.handle(request, response, callback);
        }
        String host = Request.getServerName(request);
        if (host == null || !host.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]")) {
            host = fallbackHost;
        }
        String path = request.getHttpURI().getPathQuery();
        String location = "https://" + host + (httpsPort.getAsInt() == 443 ? "" : ":" + httpsPort.getAsInt()) + (path == null ? "/" : path);
        Response.sendRedirect(request, response, callback, 308, location, true);
        return true;
    }
}

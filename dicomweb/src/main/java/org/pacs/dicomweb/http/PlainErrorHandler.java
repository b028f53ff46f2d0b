// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Error pages the container writes itself (an unknown path, a malformed request): the status and its
 * reason phrase as plain text, nothing else: no server name or version, no stack, no echo of the
 * request.
 */
public final class PlainErrorHandler extends ErrorHandler {
    public PlainErrorHandler() {
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put("Content-Security-Policy", SecurityHeadersFilter.CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        String text = code + " " + HttpStatus.getMessage(code) + "\n";
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}

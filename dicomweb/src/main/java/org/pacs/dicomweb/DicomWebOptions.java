// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.util.List;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;

/**
 * The web listener's settings: where HTTPS listens, the optional redirect-only HTTP listener, the
 * request body and rate limits, and the viewer origins CORS admits.
 *
 * @param httpsPort 0 for an ephemeral port (tests)
 * @param httpRedirectPort used only when {@code httpRedirect}; 0 for an ephemeral port
 * @param maxRequestBytes largest request body; larger ones are answered 413
 * @param requestsPerSecondPerClient sustained rate per client address (a burst of one second is
 *     allowed); beyond it 429
 * @param viewerOrigins origins such as {@code https://viewer.example:8443}; empty for same origin only
 */
public record DicomWebOptions(String bindAddress, int httpsPort, boolean httpRedirect, int httpRedirectPort,
        long maxRequestBytes, int requestsPerSecondPerClient, List<String> viewerOrigins) {

    public DicomWebOptions {
        viewerOrigins = List.copyOf(viewerOrigins);
        if (maxRequestBytes <= 0 || requestsPerSecondPerClient <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static DicomWebOptions of(Config config) {
        return new DicomWebOptions(config.string(Settings.BIND_ADDRESS), config.integer(Settings.HTTPS_PORT),
                config.bool(Settings.HTTP_REDIRECT), config.integer(Settings.HTTP_REDIRECT_PORT),
                config.integer(Settings.WEB_MAX_REQUEST_MB) * 1024L * 1024L, config.integer(Settings.WEB_RATE_LIMIT),
                config.list(Settings.VIEWER_ORIGINS));
    }

    /** Loopback, ephemeral port, no redirect listener: for tests. */
    public static DicomWebOptions loopback() {
        return new DicomWebOptions("127.0.0.1", 0, false, 0, 64L << 20, 1000, List.of());
    }

    public DicomWebOptions withMaxRequestBytes(long bytes) {
        return new DicomWebOptions(bindAddress, httpsPort, httpRedirect, httpRedirectPort, bytes,
                requestsPerSecondPerClient, viewerOrigins);
    }

    public DicomWebOptions withRateLimit(int perSecond) {
        return new DicomWebOptions(bindAddress, httpsPort, httpRedirect, httpRedirectPort, maxRequestBytes, perSecond,
                viewerOrigins);
    }

    public DicomWebOptions withViewerOrigins(List<String> origins) {
        return new DicomWebOptions(bindAddress, httpsPort, httpRedirect, httpRedirectPort, maxRequestBytes,
                requestsPerSecondPerClient, origins);
    }

    public DicomWebOptions withHttpRedirect(int port) {
        return new DicomWebOptions(bindAddress, httpsPort, true, port, maxRequestBytes, requestsPerSecondPerClient,
                viewerOrigins);
    }
}

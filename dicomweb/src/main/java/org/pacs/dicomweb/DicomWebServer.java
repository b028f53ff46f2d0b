// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.pacs.auth.identity.Authenticator;
import org.pacs.auth.identity.EmbeddedSignIn;
import org.pacs.auth.tls.TlsPolicy;
import org.pacs.dicomweb.http.BearerAuthFilter;
import org.pacs.dicomweb.http.BodyLimitFilter;
import org.pacs.dicomweb.http.CorsFilter;
import org.pacs.dicomweb.http.HealthServlet;
import org.pacs.dicomweb.http.HttpsRedirectHandler;
import org.pacs.dicomweb.http.PlainErrorHandler;
import org.pacs.dicomweb.http.RateLimitFilter;
import org.pacs.dicomweb.http.SecurityHeadersFilter;
import org.pacs.dicomweb.http.TokenServlet;
import org.pacs.dicomweb.http.WebAudit;

/**
 * The archive's web listener on Jetty 12: HTTPS only (TLS 1.3 and 1.2 per {@link TlsPolicy}, the
 * archive's server certificate), DICOMweb under {@value #SERVICE_ROOT}, WADO-URI at {@value #WADO_URI},
 * an unauthenticated liveness probe at {@value #LIVENESS}, the embedded identity provider's token endpoint
 * when it is the identity mode; an HTTP listener only when configured, and
 * then it only redirects. Every request passes, in order: security headers, CORS for the viewer
 * origins, the per-client rate limit, the body size limit, bearer authentication (not the probe).
 *
 * <pre>{@code
 * DicomWebServer web = DicomWebServer.start(DicomWebOptions.of(config), TlsContexts.server(pki),
 *         TlsPolicy.of(config), archive, authenticator, new RoleScopeResolver(), new TrailWebAudit(trail, events));
 * ...
 * web.close();
 * }</pre>
 */
public final class DicomWebServer implements AutoCloseable {
    public static final String SERVICE_ROOT = "/dicomweb";
    public static final String WADO_URI = "/wado";
    public static final String LIVENESS = "/health/live";
    public static final String TOKEN = "/auth/token";
    public static final String LOGOUT = "/auth/logout";
    private static final Logger LOG = Logger.getLogger(DicomWebServer.class.getName());
    private static final long HSTS_SECONDS = 365L * 24 * 3600;

    private final Server server;
    private final ServerConnector https;
    private final ServerConnector redirect;
    private final StatisticsHandler statistics;

    private DicomWebServer(Server server, ServerConnector https, ServerConnector redirect,
            StatisticsHandler statistics) {
        this.server = server;
        this.https = https;
        this.redirect = redirect;
        this.statistics = statistics;
    }

    /**
     * Starts listening.
     *
     * @param tls the archive's server context (its certificate and key)
     * @param policy protocols and suites; client certificates are not asked for
     * @throws IOException when a port cannot be bound
     */
    public static DicomWebServer start(DicomWebOptions options, SSLContext tls, TlsPolicy policy,
            ArchiveServices archive, Authenticator authenticator, ScopeResolver scopes, WebAudit audit)
            throws IOException {
        return start(options, tls, policy, archive, authenticator, null, scopes, audit);
    }

    /**
     * Starts listening, with the embedded identity provider's token endpoint at {@value #TOKEN} and
     * {@value #LOGOUT} when {@code signIn} is given (identity.mode embedded).
     */
    public static DicomWebServer start(DicomWebOptions options, SSLContext tls, TlsPolicy policy,
            ArchiveServices archive, Authenticator authenticator, EmbeddedSignIn signIn, ScopeResolver scopes,
            WebAudit audit) throws IOException {
        return start(options, tls, policy, archive, authenticator, signIn, scopes, audit, Map.of());
    }

    /**
     * Starts listening, with {@code servlets} mounted beside DICOMweb (path → servlet, e.g. the
     * archive's metrics); they pass the common filters but not bearer authentication: each checks
     * its own callers.
     */
    public static DicomWebServer start(DicomWebOptions options, SSLContext tls, TlsPolicy policy,
            ArchiveServices archive, Authenticator authenticator, EmbeddedSignIn signIn, ScopeResolver scopes,
            WebAudit audit, Map<String, ? extends jakarta.servlet.Servlet> servlets) throws IOException {
        Objects.requireNonNull(authenticator, "authenticator");
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("pacs-web");
        // Requests block on the catalog and the blob store: virtual threads keep that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        server.setErrorHandler(new PlainErrorHandler());

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setSecureScheme("https");
        config.setSecurePort(options.httpsPort());
        config.addCustomizer(new SecureRequestCustomizer(false, false, HSTS_SECONDS, true));

        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setIncludeProtocols(policy.protocols().toArray(String[]::new));
        ssl.setIncludeCipherSuites(policy.cipherSuites().toArray(String[]::new));
        ssl.setUseCipherSuitesOrder(true);
        ssl.setRenegotiationAllowed(false);
        ssl.setNeedClientAuth(false);
        ssl.setWantClientAuth(false);
        ssl.setSniRequired(false);

        ServerConnector https = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(config));
        https.setHost(options.bindAddress());
        https.setPort(options.httpsPort());
        https.setIdleTimeout(60_000);
        https.setName("https");
        server.addConnector(https);

        ServerConnector redirect = null;
        if (options.httpRedirect()) {
            HttpConfiguration plain = new HttpConfiguration();
            plain.setSendServerVersion(false);
            plain.setSendXPoweredBy(false);
            redirect = new ServerConnector(server, new HttpConnectionFactory(plain));
            redirect.setHost(options.bindAddress());
            redirect.setPort(options.httpRedirectPort());
            redirect.setIdleTimeout(10_000);
            redirect.setName("http-redirect");
            server.addConnector(redirect);
        }

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setErrorHandler(new PlainErrorHandler());
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", requests);
        context.addFilter(new FilterHolder(new CorsFilter(options.viewerOrigins())), "/*", requests);
        context.addFilter(new FilterHolder(new RateLimitFilter(options.requestsPerSecondPerClient())), "/*", requests);
        context.addFilter(new FilterHolder(new BodyLimitFilter(options.maxRequestBytes())), "/*", requests);
        BearerAuthFilter auth = new BearerAuthFilter(authenticator, audit);
        context.addFilter(new FilterHolder(auth), SERVICE_ROOT, requests);
        context.addFilter(new FilterHolder(auth), SERVICE_ROOT + "/*", requests);
        context.addFilter(new FilterHolder(auth), WADO_URI, requests);
        context.addServlet(new ServletHolder(new HealthServlet()), LIVENESS);
        if (signIn != null) {
            ServletHolder tokens = new ServletHolder(new TokenServlet(signIn));
            context.addServlet(tokens, TOKEN);
            context.addServlet(tokens, LOGOUT);
        }
        ServletHolder dicomweb = new ServletHolder(new DicomWebServlet(archive, scopes, audit));
        context.addServlet(dicomweb, SERVICE_ROOT + "/*");
        context.addServlet(dicomweb, WADO_URI);
        servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

        // Jetty's own response counts by status class, for the archive's metrics (HTTPS only).
        StatisticsHandler statistics = new StatisticsHandler(context);
        Handler handler = statistics;
        if (redirect != null) {
            handler = new HttpsRedirectHandler(statistics, redirect, https::getLocalPort, options.bindAddress());
        }
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IOException("cannot start the HTTPS listener on " + options.bindAddress() + ":"
                    + options.httpsPort() + " (" + e.getMessage() + "); choose another server.httpsPort, or set"
                    + " web.enabled: false to run without DICOMweb", e);
        }
        LOG.info("DICOMweb over HTTPS on " + options.bindAddress() + ":" + https.getLocalPort());
        return new DicomWebServer(server, https, redirect, statistics);
    }

    public int httpsPort() {
        return https.getLocalPort();
    }

    /** The redirect-only HTTP port, or -1 when there is none. */
    public int httpRedirectPort() {
        return redirect == null ? -1 : redirect.getLocalPort();
    }

    /** Responses sent with a status of class {@code statusClass} (1..5, as in 2xx) since start. */
    public long responses(int statusClass) {
        return switch (statusClass) {
            case 1 -> statistics.getResponses1xx();
            case 2 -> statistics.getResponses2xx();
            case 3 -> statistics.getResponses3xx();
            case 4 -> statistics.getResponses4xx();
            case 5 -> statistics.getResponses5xx();
            default -> throw new IllegalArgumentException("status class 1..5: " + statusClass);
        };
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warning("stopping the HTTPS listener: " + e.getMessage());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code perSecond} requests a second sustained, a burst of one
 * second's worth; beyond it 429 Too Many Requests (RFC 6585 §4) with {@code Retry-After}. It runs
 * before authentication, so guessing tokens is throttled too. Buckets idle for a minute are dropped.
 */
public final class RateLimitFilter extends HttpFilter {
    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    RateLimitFilter(int perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
            throws IOException, ServletException {
        if (!tryAcquire(req.getRemoteAddr())) {
            rsp.setHeader("Retry-After", "1");
            rsp.setStatus(429);
            rsp.setContentType("text/plain;charset=utf-8");
            rsp.getWriter().write("Too many requests\n");
            return;
        }
        chain.doFilter(req, rsp);
    }

    boolean tryAcquire(String client) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.idleSince(now) > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(perSecond, now)).take(now);
    }

    /** Tokens refill continuously up to one second's worth. No I/O under its lock. */
    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long last;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.tokens = rate;
            this.last = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}

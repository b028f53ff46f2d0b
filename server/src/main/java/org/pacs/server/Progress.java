// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a long operation on the operator's terminal: a bar redrawn in place when the total is
 * known, a running count otherwise; at most a few redraws a second so it never slows the work.
 */
final class Progress {
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    /** @param total the number of steps, or -1 if unknown */
    Progress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void step() {
        set(done + 1);
    }

    /** Sets the steps done so far (redrawn at most a few times a second). */
    void set(long stepsDone) {
        done = stepsDone;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    long done() {
        return done;
    }

    private void draw() {
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, done * width / total);
            out.printf("\r%s [%s%s] %3d%% %d/%d", label, "#".repeat(filled), " ".repeat(width - filled),
                    done * 100 / total, done, total);
        } else {
            out.printf("\r%s %d", label, done);
        }
        out.flush();
    }

    /** Draws the final state and ends the line with the elapsed time. */
    void finish() {
        draw();
        out.printf(" (%.1f s)%n", (System.nanoTime() - start) / 1e9);
    }
}

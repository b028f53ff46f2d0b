// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.scan;

import java.io.PrintStream;
import java.util.List;

/** The findings of one scan and its verdict: exposed when any check found its exposure. */
public record ScanReport(String target, List<Finding> findings, boolean reachable) {

    public ScanReport {
        findings = List.copyOf(findings);
    }

    public boolean exposed() {
        return findings.stream().anyMatch(f -> f.outcome() == Finding.Outcome.EXPOSED);
    }

    /** Each finding on its own lines, then the verdict. */
    public void print(PrintStream out) {
        out.println("scan of " + target + ":");
        for (Finding f : findings) {
            String mark = switch (f.outcome()) {
                case EXPOSED -> "EXPOSED    ";
                case NOT_EXPOSED -> "ok         ";
                case NOT_TESTED -> "not tested ";
            };
            out.println("  " + mark + f.exposure().title());
            out.println("             " + f.detail());
            if (f.outcome() == Finding.Outcome.EXPOSED) {
                out.println("             risk: " + f.exposure().risk());
            }
        }
        if (!reachable) {
            out.println("verdict: UNREACHABLE (nothing answered on the ports tried)");
        } else if (exposed()) {
            out.println("verdict: EXPOSED. Take it off any network strangers can reach, require TLS with client"
                    + " certificates, and allow only known AE titles and destinations.");
        } else {
            out.println("verdict: not exposed to the checks made");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DCMTK's {@code storescu -v} over TLS, and what its output says about each file: storescu logs
 * "Sending file: F" before each C-STORE request and then "Received Store Response (STATUS)" or
 * "Store Failed, file: F", so the response that follows a "Sending file" line belongs to that file.
 */
final class StoreScu {
    static final String SUCCESS = "Success";
    /** B006 Elements Discarded: the archive already had the instance (duplicate kept, PS3.4 Annex B.2.3). */
    static final String DUPLICATE = "Warning: ElementsDiscarded";

    private StoreScu() {
    }

    /** The command line: {@code storescu -v -nh OPTION +tls ... -aet AE -aec PACS HOST PORT FILES...}. */
    static List<String> command(AeBundle ae, String calledAe, String host, int port, String proposal, List<Path> files) {
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-nh", "-to", "15", "-ta", "15", proposal));
        command.addAll(ae.dcmtkTls());
        command.addAll(List.of("-aet", ae.aeTitle(), "-aec", calledAe, host, Integer.toString(port)));
        files.forEach(f -> command.add(f.toString()));
        return command;
    }

    static ToolRun send(AeBundle ae, ArchiveProcess archive, String proposal, List<Path> files) {
        return Tools.run(Tools.DEFAULT_TIMEOUT, command(ae, ArchiveProcess.AE_TITLE, archive.host(), archive.port(),
                proposal, files));
    }

    /**
     * The status storescu reported per file it sent, in order ("Success", "Warning: ElementsDiscarded",
     * ...; "failed" when it logged a failure). A file whose request went out but got no response (the
     * association died) is absent.
     */
    static Map<Path, String> responses(String output) {
        Map<Path, String> statuses = new LinkedHashMap<>();
        Path current = null;
        for (String line : output.lines().toList()) {
            int at = line.indexOf("Sending file: ");
            if (at >= 0) {
                current = Path.of(line.substring(at + "Sending file: ".length()).strip());
                continue;
            }
            at = line.indexOf("Received Store Response (");
            if (at >= 0 && current != null) {
                String status = line.substring(at + "Received Store Response (".length());
                statuses.put(current, status.endsWith(")") ? status.substring(0, status.length() - 1) : status);
                current = null;
                continue;
            }
            if (line.contains("Store Failed, file: ") && current != null) {
                statuses.put(current, "failed");
                current = null;
            }
        }
        return statuses;
    }
}

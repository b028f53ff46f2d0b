// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pacs.server.e2e.TestCorpus.Encoding;

/**
 * DCMTK's {@code movescu} and {@code getscu}, which have no TLS options: they talk plaintext to the
 * {@link Stunnel} port of their AE, which carries the association over TLS with that AE's certificate.
 */
final class RetrieveScu {
    private RetrieveScu() {
    }

    /** {@code movescu -v MODEL -aet AE -aec PACS -aem DESTINATION -k ...} through stunnel. */
    static ToolRun move(Stunnel stunnel, String callingAe, String destinationAe, String model, String... keys) {
        List<String> command = new ArrayList<>(List.of("movescu", "-v", "-to", "15", "-ta", "15", model,
                "-aet", callingAe, "-aec", ArchiveProcess.AE_TITLE, "-aem", destinationAe));
        for (String k : keys) {
            command.addAll(List.of("-k", k));
        }
        command.addAll(List.of(ArchiveProcess.HOST, Integer.toString(stunnel.port(callingAe))));
        return Tools.run(Tools.DEFAULT_TIMEOUT, command);
    }

    /**
     * {@code getscu -v MODEL +B -od DIR PREFERENCE -k ...} through stunnel: the instances come back on the
     * same association and are written as received (bit-preserving) into {@code into}.
     */
    static ToolRun get(Stunnel stunnel, String callingAe, Path into, Encoding preference, String model,
            String... keys) throws IOException {
        Files.createDirectories(into);
        List<String> command = new ArrayList<>(List.of("getscu", "-v", "-to", "15", "-ta", "15", model, "+B",
                "-od", into.toString(), getscuPreference(preference), "-aet", callingAe, "-aec",
                ArchiveProcess.AE_TITLE));
        for (String k : keys) {
            command.addAll(List.of("-k", k));
        }
        command.addAll(List.of(ArchiveProcess.HOST, Integer.toString(stunnel.port(callingAe))));
        return Tools.run(Tools.DEFAULT_TIMEOUT, command);
    }

    /**
     * getscu proposes, for the storage it accepts back, the uncompressed syntaxes plus at most one other:
     * the option that lets a compressed or deflated instance come back as it was stored.
     */
    static String getscuPreference(Encoding e) {
        return switch (e) {
            case DEFLATED -> "+xd";
            case JPEG_LOSSLESS -> "+xs";
            case RLE -> "+xr";
            case JPEG_LS_LOSSLESS -> "+xt";
            // getscu 3.6.7 offers Explicit VR Little Endian first (with +xi, only that), so an instance
            // stored in Implicit VR Little Endian comes back converted.
            default -> "+x=";
        };
    }

    /**
     * The files DCMTK wrote into {@code dir}, by SOP Instance UID: named "CT.1.2.3...", or just "1.2.3..."
     * when getscu writes bit-preserving.
     */
    static Map<String, Path> receivedByInstanceUid(Path dir) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                files.put(Character.isLetter(name.charAt(0)) ? name.substring(name.indexOf('.') + 1) : name, f);
            }
        }
        return files;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads {@code src/test/resources/pdu/*.hex}: hex bytes, with {@code #} comments to end of line. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] hex(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pdu/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String data = hash >= 0 ? line.substring(0, hash) : line;
            for (String token : data.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    out.write(Integer.parseInt(token, 16));
                }
            }
        }
        return out.toByteArray();
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.dict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the generated tab-separated resources of this package: one row a line, '#' starts a comment
 * line, fields may be empty. Hand-rolled because the dictionary is loaded on first use by every
 * reader and a regular-expression split would cost most of the load time.
 */
final class Tsv {
    private Tsv() {
    }

    /** The rows of a resource next to this class, each with exactly {@code columns} fields. */
    static List<String[]> read(String resource, int columns) {
        byte[] bytes;
        try (InputStream in = Tsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " of " + Tsv.class.getPackageName());
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return parse(new String(bytes, StandardCharsets.US_ASCII), columns, resource);
    }

    static List<String[]> parse(String text, int columns, String source) {
        List<String[]> rows = new ArrayList<>(6000);
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            if (end > start && text.charAt(start) != '#') {
                rows.add(split(text, start, end, columns, source, lineNumber));
            }
            start = end + 1;
        }
        return rows;
    }

    private static String[] split(String text, int start, int end, int columns, String source, int lineNumber) {
        String[] fields = new String[columns];
        int from = start;
        for (int field = 0; field < columns; field++) {
            int tab = text.indexOf('\t', from);
            boolean inLine = tab >= 0 && tab < end;
            if (field == columns - 1) {
                if (inLine) {
                    throw malformed(source, lineNumber, columns); // too many fields
                }
                tab = end;
            } else if (!inLine) {
                throw malformed(source, lineNumber, columns); // too few fields
            }
            fields[field] = text.substring(from, tab);
            from = tab + 1;
        }
        return fields;
    }

    private static IllegalStateException malformed(String source, int lineNumber, int columns) {
        return new IllegalStateException(source + " line " + lineNumber + ": expected " + columns + " tab-separated fields");
    }
}

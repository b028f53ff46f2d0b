// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.net.URI;
import java.nio.file.Path;

/** {@code file:} bulk data URIs with a byte range: {@code file:///path?offset=N&length=M}. */
final class FileUris {
    private FileUris() {
    }

    static String uri(Path file, long offset, long length) {
        return file.toAbsolutePath().toUri() + "?offset=" + offset + "&length=" + length;
    }

    /** The parts of a {@link #uri} string, or null if {@code s} is not of that form. */
    static Range parse(String s) {
        URI uri;
        try {
            uri = new URI(s);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        if (!"file".equals(uri.getScheme()) || uri.getRawQuery() == null || uri.getPath() == null) {
            return null;
        }
        long offset = -1;
        long length = -1;
        for (String part : uri.getRawQuery().split("&")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String value = part.substring(eq + 1);
            if (!value.matches("[0-9]{1,18}")) {
                return null;
            }
            switch (part.substring(0, eq)) {
                case "offset" -> offset = Long.parseLong(value);
                case "length" -> length = Long.parseLong(value);
                default -> {
                    return null;
                }
            }
        }
        if (offset < 0 || length < 0) {
            return null;
        }
        return new Range(Path.of(uri.getPath()), offset, length);
    }

    record Range(Path file, long offset, long length) {
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

/**
 * The catalog could not do what was asked. Messages never carry attribute values: database errors
 * quote the offending values (a duplicate key lists it), so they are summarised, not chained.
 */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    /** Summarises {@code cause} by its type and SQL state, without its message. */
    static CatalogException redacted(String what, Throwable cause) {
        StringBuilder sb = new StringBuilder(what).append(": ").append(cause.getClass().getSimpleName());
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                sb.append(" (SQL state ").append(sql.getSQLState()).append(", error ").append(sql.getErrorCode())
                        .append(')');
                break;
            }
        }
        CatalogException e = new CatalogException(sb.toString());
        e.setStackTrace(cause.getStackTrace());
        return e;
    }
}

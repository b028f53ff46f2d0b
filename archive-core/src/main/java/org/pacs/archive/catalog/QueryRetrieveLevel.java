// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

/**
 * The levels of the Query/Retrieve information models (PS3.4 §C.3), as Query/Retrieve Level
 * (0008,0052) names them, highest first.
 */
public enum QueryRetrieveLevel {
    PATIENT,
    STUDY,
    SERIES,
    IMAGE;

    /** The level named by a (0008,0052) value, or null if it names none. */
    public static QueryRetrieveLevel of(String value) {
        if (value == null) {
            return null;
        }
        for (QueryRetrieveLevel level : values()) {
            if (level.name().equals(value.strip())) {
                return level;
            }
        }
        return null;
    }
}

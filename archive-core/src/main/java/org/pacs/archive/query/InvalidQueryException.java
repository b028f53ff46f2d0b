// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

/**
 * The identifier cannot be answered: a key value that is not of its VR's form, a level the model does
 * not have, or a missing unique key of a higher level (PS3.4 §C.4.1.2.1). A C-FIND SCP answers it with
 * a failure status naming {@link #offendingTag()}. The message names attributes, never values.
 */
public class InvalidQueryException extends RuntimeException {
    private final int offendingTag;

    public InvalidQueryException(int offendingTag, String message) {
        super(message);
        this.offendingTag = offendingTag;
    }

    /** The tag of the offending key, or -1 if the query as a whole is at fault. */
    public int offendingTag() {
        return offendingTag;
    }
}

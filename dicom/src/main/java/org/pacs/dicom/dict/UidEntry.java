// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.dict;

import java.util.Objects;

/**
 * One row of the Registry of DICOM Unique Identifiers, PS3.6 Annex A (Tables ): the UID
 * value, its name ("CT Image Storage"), keyword ("CTImageStorage"), type ("SOP Class", "Transfer
 * Syntax", "Well-known frame of reference", "Meta SOP Class", ...) and whether it is retired. Names
 * of retired UIDs are given without the "(Retired)" suffix PS3.6 appends.
 *
 * @param uid the UID value
 * @param name the UID Name column; "" for the few retired UIDs PS3.6 leaves unnamed
 * @param keyword the UID Keyword column; "" where PS3.6 gives none
 * @param type the UID Type column, as PS3.6 writes it
 * @param retired true where PS3.6 marks the UID retired
 */
public record UidEntry(String uid, String name, String keyword, String type, boolean retired) {
    /** {@link #type()} of transfer syntaxes. */
    public static final String TRANSFER_SYNTAX = "Transfer Syntax";
    /** {@link #type()} of SOP Classes. */
    public static final String SOP_CLASS = "SOP Class";
    /** {@link #type()} of Meta SOP Classes. */
    public static final String META_SOP_CLASS = "Meta SOP Class";

    /** The Media Storage Directory (DICOMDIR, Basic Directory IOD of PS3.3 Annex F) exists on media only. */
    private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

    public UidEntry {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(type, "type");
    }

    public boolean isTransferSyntax() {
        return type.equals(TRANSFER_SYNTAX);
    }

    /**
     * True for SOP Classes of the Storage Service Class (PS3.4 Annex B) and its retired or trial
     * relatives, recognised by name as PS3.6 gives them: "... Storage", optionally followed by
     * " - For Presentation", " - For Processing", " - Trial" or " SOP Class". Storage Commitment
     * and Storage Management are not storage SOP Classes; neither is the Media Storage Directory.
     */
    public boolean isStorageSopClass() {
        if (!type.equals(SOP_CLASS) || uid.equals(MEDIA_STORAGE_DIRECTORY)) {
            return false;
        }
        String n = strip(name, " SOP Class");
        n = strip(n, " - For Presentation");
        n = strip(n, " - For Processing");
        n = strip(n, " - Trial");
        return n.endsWith(" Storage");
    }

    private static String strip(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.wado;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pacs.dicom.dict.UID;

/**
 * The transfer syntaxes a client accepts for {@code application/dicom} (PS3.18 §8.7.3.5), in its order
 * of preference, and the choice for one stored instance: the stored syntax when it is accepted (or
 * {@code *}), else Explicit VR Little Endian when it is accepted and the stored data set is native
 * (re-encoding changes no value), else nothing: the archive never decompresses.
 *
 * @param syntaxes UIDs or "*" for any
 */
public record TransferSyntaxOffer(List<String> syntaxes) {
    public static final String ANY = "*";
    /** The default of {@code application/dicom} without a transfer-syntax parameter (PS3.18 §8.7.3.5.2). */
    public static final String DEFAULT = UID.ExplicitVRLittleEndian;
    /** Data sets that can be re-encoded in Explicit VR Little Endian without decoding pixel data. */
    static final Set<String> NATIVE = Set.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
            UID.ExplicitVRBigEndian, UID.DeflatedExplicitVRLittleEndian);

    public TransferSyntaxOffer {
        syntaxes = List.copyOf(syntaxes);
    }

    /** The syntax to send an instance stored in {@code stored} in, or empty if none is acceptable. */
    public Optional<String> choose(String stored) {
        for (String ts : syntaxes) {
            if (ts.equals(ANY) || ts.equals(stored)) {
                return Optional.of(stored);
            }
            if (ts.equals(UID.ExplicitVRLittleEndian) && NATIVE.contains(stored)) {
                return Optional.of(UID.ExplicitVRLittleEndian);
            }
        }
        return Optional.empty();
    }
}

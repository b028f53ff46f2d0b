// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.pacs.archive.index.PersonNameKeys;

/**
 * The studies a caller may see, applied inside every query so that matches, counts, limits and
 * offsets never reveal the others. Either everything, or the studies whose Referring Physician's Name
 * is one of a set of names (compared insensitive to case, accents and padding, through any component
 * group) or whose Study Instance UID is in a share set. A patient is visible through its visible
 * studies only. Deny by default: {@link #none()} sees nothing.
 *
 * <pre>{@code
 * AccessScope scope = AccessScope.restricted(Set.of("Smith^Anna"), Set.of("1.2.3.4"));
 * }</pre>
 */
public final class AccessScope {
    private static final AccessScope ALL = new AccessScope(true, Set.of(), Set.of());
    private static final AccessScope NONE = new AccessScope(false, Set.of(), Set.of());

    private final boolean all;
    private final Set<String> referringPhysicianKeys;
    private final Set<String> studyInstanceUids;

    private AccessScope(boolean all, Set<String> referringPhysicianKeys, Set<String> studyInstanceUids) {
        this.all = all;
        this.referringPhysicianKeys = referringPhysicianKeys;
        this.studyInstanceUids = studyInstanceUids;
    }

    public static AccessScope all() {
        return ALL;
    }

    public static AccessScope none() {
        return NONE;
    }

    /**
     * @param referringPhysicianNames names as DICOM writes them ("Family^Given"); empty ones ignored
     * @param studyInstanceUids the share set
     */
    public static AccessScope restricted(Set<String> referringPhysicianNames, Set<String> studyInstanceUids) {
        Set<String> keys = referringPhysicianNames.stream()
                .map(PersonNameKeys::clean).filter(s -> !s.isEmpty()).map(PersonNameKeys::fold)
                .collect(Collectors.toUnmodifiableSet());
        return new AccessScope(false, keys, Set.copyOf(studyInstanceUids));
    }

    public boolean isAll() {
        return all;
    }

    /** The referring physicians' names, cleaned and folded as {@link PersonNameKeys#foldedKeys} does. */
    public Set<String> referringPhysicianKeys() {
        return referringPhysicianKeys;
    }

    public Set<String> studyInstanceUids() {
        return studyInstanceUids;
    }

    /** True if a study with these attributes is visible. */
    public boolean permits(String studyInstanceUid, String referringPhysicianName) {
        if (all) {
            return true;
        }
        if (studyInstanceUid != null && studyInstanceUids.contains(studyInstanceUid)) {
            return true;
        }
        if (referringPhysicianKeys.isEmpty()) {
            return false;
        }
        List<String> keys = PersonNameKeys.foldedKeys(referringPhysicianName);
        return keys.stream().anyMatch(referringPhysicianKeys::contains);
    }

    /** Sizes only: the names and UIDs stay out of logs. */
    @Override
    public String toString() {
        return all ? "AccessScope[all]" : "AccessScope[" + referringPhysicianKeys.size() + " names, "
                + studyInstanceUids.size() + " studies]";
    }
}

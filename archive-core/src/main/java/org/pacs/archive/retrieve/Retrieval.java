// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacs.archive.catalog.InstanceLocation;

/**
 * The instances a retrieve will send, in catalog order, and the patients and studies they belong to
 * (for the audit record of the transfer).
 *
 * @param studiesByPatient Study Instance UIDs by Patient ID, in the order the studies come
 */
public record Retrieval(List<InstanceLocation> instances, Map<String, Set<String>> studiesByPatient) {

    public Retrieval {
        instances = List.copyOf(instances);
        studiesByPatient = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(studiesByPatient));
    }

    public boolean isEmpty() {
        return instances.isEmpty();
    }

    public int size() {
        return instances.size();
    }

    /** Counts only: the UIDs and Patient IDs stay out of logs. */
    @Override
    public String toString() {
        return "Retrieval[" + instances.size() + " instances of " + studiesByPatient.size() + " patients]";
    }
}

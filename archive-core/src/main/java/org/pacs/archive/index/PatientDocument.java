// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import java.time.LocalDate;

/** What a study's index document takes from its patient; implemented by the catalog's patient entity. */
public interface PatientDocument {
    Long getId();

    String getPatientId();

    String getIssuerOfPatientId();

    /** The name as decoded from the stored object, all component groups. */
    String getPatientName();

    LocalDate getPatientBirthDate();

    String getPatientSex();
}

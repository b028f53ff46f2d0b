// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pacs.archive.index.PatientDocument;

/**
 * A patient (PS3.4 §C.6.1.1.2), identified by Patient ID and Issuer of Patient ID. Attributes are those
 * of the most recently recorded instance. An object without a Patient ID gets a patient of its own
 * (null Patient ID), never merged with others.
 */
@Entity
@Table(name = "patient", uniqueConstraints = @UniqueConstraint(name = "uk_patient_id_issuer",
        columnNames = {"patient_id", "issuer_of_patient_id"}))
public class Patient implements PatientDocument {
    @Id
    @GeneratedValue
    private Long id;
    @Version
    private long version;
    @Column(length = 64)
    private String patientId;
    /** Empty, never null, so that the unique constraint holds for patients without an issuer. */
    @Column(length = 64, nullable = false)
    private String issuerOfPatientId = "";
    /** Patient's Name as decoded from the stored object, all component groups. */
    @Column(length = 1024)
    private String patientName;
    @Column(length = 256)
    private String patientFamilyName;
    @Column(length = 256)
    private String patientGivenName;
    @Column(length = 256)
    private String patientMiddleName;
    @Column(length = 256)
    private String patientNamePrefix;
    @Column(length = 256)
    private String patientNameSuffix;
    @Column(length = 512)
    private String patientIdeographicName;
    @Column(length = 512)
    private String patientPhoneticName;
    private LocalDate patientBirthDate;
    @Column(length = 16)
    private String patientSex;
    /** The instance whose header answers this patient's return keys: the most recent one recorded. */
    private long headerInstanceId;
    /** Never read here: the inverse side tells the index which studies to reindex when the patient changes. */
    @OneToMany(mappedBy = "patient")
    private List<Study> studies = new ArrayList<>();

    protected Patient() {
    }

    Patient(String patientId, String issuerOfPatientId) {
        this.patientId = patientId;
        this.issuerOfPatientId = issuerOfPatientId == null ? "" : issuerOfPatientId;
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public String getPatientId() {
        return patientId;
    }

    @Override
    public String getIssuerOfPatientId() {
        return issuerOfPatientId;
    }

    @Override
    public String getPatientName() {
        return patientName;
    }

    public String getPatientFamilyName() {
        return patientFamilyName;
    }

    public String getPatientGivenName() {
        return patientGivenName;
    }

    public String getPatientMiddleName() {
        return patientMiddleName;
    }

    public String getPatientNamePrefix() {
        return patientNamePrefix;
    }

    public String getPatientNameSuffix() {
        return patientNameSuffix;
    }

    public String getPatientIdeographicName() {
        return patientIdeographicName;
    }

    public String getPatientPhoneticName() {
        return patientPhoneticName;
    }

    @Override
    public LocalDate getPatientBirthDate() {
        return patientBirthDate;
    }

    @Override
    public String getPatientSex() {
        return patientSex;
    }

    public long getHeaderInstanceId() {
        return headerInstanceId;
    }

    void setName(PersonNameColumns name) {
        patientName = name.whole();
        patientFamilyName = name.family();
        patientGivenName = name.given();
        patientMiddleName = name.middle();
        patientNamePrefix = name.prefix();
        patientNameSuffix = name.suffix();
        patientIdeographicName = name.ideographic();
        patientPhoneticName = name.phonetic();
    }

    void setPatientBirthDate(LocalDate patientBirthDate) {
        this.patientBirthDate = patientBirthDate;
    }

    void setPatientSex(String patientSex) {
        this.patientSex = patientSex;
    }

    void setHeaderInstanceId(long headerInstanceId) {
        this.headerInstanceId = headerInstanceId;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.TreeSet;
import org.hibernate.annotations.FractionalSeconds;
import org.hibernate.search.mapper.pojo.bridge.mapping.annotation.TypeBinderRef;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.TypeBinding;
import org.pacs.archive.index.StudyBinder;
import org.pacs.archive.index.StudyDocument;

/**
 * A study (PS3.4 §C.6.1.1.3) with the attributes matched and returned most often, and the derived
 * ones the catalog maintains as instances come and go: Modalities in Study, SOP Classes in Study,
 * Number of Study Related Series and Instances. The only entity of the index.
 */
@Entity
@Table(name = "study", indexes = @Index(name = "ix_study_patient", columnList = "patient_id"))
@Indexed(index = "study")
@TypeBinding(binder = @TypeBinderRef(type = StudyBinder.class))
public class Study implements StudyDocument {
    @Id
    @GeneratedValue
    private Long id;
    @Version
    private long version;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "patient_id", nullable = false)
    private Patient patient;
    @Column(length = 64, nullable = false, unique = true)
    private String studyInstanceUid;
    private LocalDate studyDate;
    @FractionalSeconds(6)
    private LocalTime studyTime;
    @Column(length = 64)
    private String accessionNumber;
    @Column(length = 64)
    private String studyId;
    @Column(length = 1024)
    private String studyDescription;
    @Column(length = 1024)
    private String referringPhysicianName;
    @Column(length = 1024)
    private String modalitiesInStudy;
    @Column(length = 4096)
    private String sopClassesInStudy;
    private int numberOfStudyRelatedSeries;
    private int numberOfStudyRelatedInstances;
    /** The instance whose header answers this study's return keys: the most recent one recorded. */
    private long headerInstanceId;
    private Instant createdAt;
    private Instant updatedAt;

    protected Study() {
    }

    Study(Patient patient, String studyInstanceUid, Instant now) {
        this.patient = patient;
        this.studyInstanceUid = studyInstanceUid;
        this.createdAt = now;
        this.updatedAt = now;
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public Patient getPatient() {
        return patient;
    }

    @Override
    public String getStudyInstanceUid() {
        return studyInstanceUid;
    }

    @Override
    public LocalDate getStudyDate() {
        return studyDate;
    }

    @Override
    public LocalTime getStudyTime() {
        return studyTime;
    }

    @Override
    public String getAccessionNumber() {
        return accessionNumber;
    }

    @Override
    public String getStudyId() {
        return studyId;
    }

    @Override
    public String getStudyDescription() {
        return studyDescription;
    }

    @Override
    public String getReferringPhysicianName() {
        return referringPhysicianName;
    }

    @Override
    public String getModalitiesInStudy() {
        return modalitiesInStudy;
    }

    @Override
    public String getSopClassesInStudy() {
        return sopClassesInStudy;
    }

    public int getNumberOfStudyRelatedSeries() {
        return numberOfStudyRelatedSeries;
    }

    public int getNumberOfStudyRelatedInstances() {
        return numberOfStudyRelatedInstances;
    }

    public long getHeaderInstanceId() {
        return headerInstanceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void setAttributes(LocalDate date, LocalTime time, String accession, String id, String description,
            String referring) {
        this.studyDate = date;
        this.studyTime = time;
        this.accessionNumber = accession;
        this.studyId = id;
        this.studyDescription = description;
        this.referringPhysicianName = referring;
    }

    void addCounts(int series, int instances, Instant now) {
        numberOfStudyRelatedSeries += series;
        numberOfStudyRelatedInstances += instances;
        updatedAt = now;
    }

    /** Adds a modality to Modalities in Study if it is new there. */
    void addModality(String modality) {
        String joined = withValue(modalitiesInStudy, modality);
        modalitiesInStudy = joined.isEmpty() ? null : joined;
    }

    void setModalitiesInStudy(String joined) {
        modalitiesInStudy = joined == null || joined.isEmpty() ? null : joined;
    }

    void addSopClass(String sopClassUid) {
        String joined = withValue(sopClassesInStudy, sopClassUid);
        sopClassesInStudy = joined.isEmpty() ? null : joined;
    }

    void setSopClassesInStudy(String joined) {
        sopClassesInStudy = joined == null || joined.isEmpty() ? null : joined;
    }

    void setHeaderInstanceId(long headerInstanceId) {
        this.headerInstanceId = headerInstanceId;
    }

    static String withValue(String joined, String value) {
        TreeSet<String> set = new TreeSet<>();
        if (joined != null && !joined.isEmpty()) {
            set.addAll(Arrays.asList(joined.split("\\\\")));
        }
        if (value != null && !value.isEmpty()) {
            set.add(value);
        }
        return String.join("\\", set);
    }
}

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

/** A series (PS3.4 §C.6.1.1.4) and its Number of Series Related Instances, kept on insert and delete. */
@Entity
@Table(name = "series", indexes = @Index(name = "ix_series_study", columnList = "study_id"))
public class Series {
    @Id
    @GeneratedValue
    private Long id;
    @Version
    private long version;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id", nullable = false)
    private Study study;
    @Column(length = 64, nullable = false, unique = true)
    private String seriesInstanceUid;
    @Column(length = 16)
    private String modality;
    private Integer seriesNumber;
    @Column(length = 1024)
    private String seriesDescription;
    @Column(length = 64)
    private String bodyPartExamined;
    private int numberOfSeriesRelatedInstances;
    /** The instance whose header answers this series' return keys: the most recent one recorded. */
    private long headerInstanceId;

    protected Series() {
    }

    Series(Study study, String seriesInstanceUid) {
        this.study = study;
        this.seriesInstanceUid = seriesInstanceUid;
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public String getSeriesInstanceUid() {
        return seriesInstanceUid;
    }

    public String getModality() {
        return modality;
    }

    public Integer getSeriesNumber() {
        return seriesNumber;
    }

    public String getSeriesDescription() {
        return seriesDescription;
    }

    public String getBodyPartExamined() {
        return bodyPartExamined;
    }

    public int getNumberOfSeriesRelatedInstances() {
        return numberOfSeriesRelatedInstances;
    }

    public long getHeaderInstanceId() {
        return headerInstanceId;
    }

    void setAttributes(String modality, Integer number, String description, String bodyPart) {
        this.modality = modality;
        this.seriesNumber = number;
        this.seriesDescription = description;
        this.bodyPartExamined = bodyPart;
    }

    void addInstances(int n) {
        numberOfSeriesRelatedInstances += n;
    }

    void setHeaderInstanceId(long headerInstanceId) {
        this.headerInstanceId = headerInstanceId;
    }
}

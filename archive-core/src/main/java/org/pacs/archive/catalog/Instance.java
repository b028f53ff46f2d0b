// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A composite object instance (PS3.4 §C.6.1.1.5): its identity, where its blob lives, and the character
 * set of its stored header ({@link InstanceHeader}), needed to return its values as stored.
 */
@Entity
@Table(name = "instance", indexes = @Index(name = "ix_instance_series", columnList = "series_id"))
public class Instance {
    @Id
    @GeneratedValue
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "series_id", nullable = false)
    private Series series;
    @Column(length = 64, nullable = false, unique = true)
    private String sopInstanceUid;
    @Column(length = 64, nullable = false)
    private String sopClassUid;
    private Integer instanceNumber;
    @Column(length = 64, nullable = false)
    private String transferSyntaxUid;
    /** Specific Character Set (0008,0005) of the stored object, backslash-separated; null for the default. */
    @Column(length = 256)
    private String specificCharacterSet;
    @Embedded
    private BlobLocation blob;
    @Column(nullable = false)
    private Instant storedAt;

    protected Instance() {
    }

    Instance(Series series, String sopInstanceUid) {
        this.series = series;
        this.sopInstanceUid = sopInstanceUid;
    }

    public Long getId() {
        return id;
    }

    public Series getSeries() {
        return series;
    }

    public String getSopInstanceUid() {
        return sopInstanceUid;
    }

    public String getSopClassUid() {
        return sopClassUid;
    }

    public Integer getInstanceNumber() {
        return instanceNumber;
    }

    public String getTransferSyntaxUid() {
        return transferSyntaxUid;
    }

    public String getSpecificCharacterSet() {
        return specificCharacterSet;
    }

    public BlobLocation getBlob() {
        return blob;
    }

    public Instant getStoredAt() {
        return storedAt;
    }

    void setObject(String sopClassUid, Integer instanceNumber, String transferSyntaxUid, String charset,
            BlobLocation blob, Instant storedAt) {
        this.sopClassUid = sopClassUid;
        this.instanceNumber = instanceNumber;
        this.transferSyntaxUid = transferSyntaxUid;
        this.specificCharacterSet = charset;
        this.blob = blob;
        this.storedAt = storedAt;
    }
}

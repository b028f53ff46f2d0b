// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/**
 * An instance's header: its data set without bulk data, encoded by {@link HeaderCodec}, so any return
 * key can be answered with the bytes as stored. A table of its own keeps instance rows small.
 */
@Entity
@Table(name = "instance_header")
public class InstanceHeader {
    /**
     * Longest encoded (deflated) header kept: Hibernate's H2 dialect makes longer binaries BLOBs. Some
     * 5-10 MB of header; only a very large structured report comes near.
     */
    public static final int MAX_LENGTH = 1 << 20;

    @Id
    private Long id;
    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "id")
    private Instance instance;
    /**
     * Inline binary, not a BLOB: H2 reads a BLOB through its separate LOB store, a lookup and a stream
     * per row. VARBINARY on H2, bytea on PostgreSQL.
     */
    @Column(nullable = false, length = MAX_LENGTH)
    private byte[] data;

    protected InstanceHeader() {
    }

    InstanceHeader(Instance instance, byte[] data) {
        this.instance = instance;
        this.data = data;
    }

    public Long getId() {
        return id;
    }

    public byte[] getData() {
        return data;
    }

    void setData(byte[] data) {
        this.data = data;
    }
}

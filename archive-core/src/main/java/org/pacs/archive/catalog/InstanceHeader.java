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
import org.hibernate.Length;

/**
 * An instance's header: its data set without bulk data, encoded by {@link HeaderCodec}, so any return
 * key can be answered with the bytes as stored. A table of its own keeps instance rows small.
 */
@Entity
@Table(name = "instance_header")
public class InstanceHeader {
    @Id
    private Long id;
    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "id")
    private Instance instance;
    @Column(nullable = false, length = Length.LONG32)
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

// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.time.Duration;

/**
 * Resource limits for associations, all with safe defaults. Memory per connection is bounded by
 * {@code maxPduLength} (one PDU in flight), {@code maxCommandLength}, {@code maxBufferedDataSetLength}
 * and the few fragments queued for a streamed data set.
 *
 * @param maxAssociations          concurrent associations an acceptor serves
 * @param maxAssociationsPerPeer   concurrent associations from one peer IP address
 * @param artimTimeout             ARTIM (PS3.8 §9.1.5): A-ASSOCIATE-RQ wait and close wait
 * @param idleTimeout              an established association with nothing outstanding is aborted after this
 * @param handshakeTimeout         a TLS handshake must finish within this
 * @param maxPduLength             largest P-DATA-TF this side receives (advertised as its maximum length)
 * @param maxSendPduLength         largest P-DATA-TF this side sends when the peer has no limit
 * @param maxAssociateLength       largest A-ASSOCIATE-RQ/AC accepted
 * @param maxCommandLength         largest command set
 * @param maxDataSetLength         largest data set, streamed or not
 * @param maxBufferedDataSetLength largest data set held in memory (identifiers, N-service attributes)
 * @param maxPDataFragments        most PDV fragments a command or buffered data set may arrive in
 */
public record Limits(int maxAssociations, int maxAssociationsPerPeer, Duration artimTimeout, Duration idleTimeout,
        Duration handshakeTimeout, int maxPduLength, int maxSendPduLength, int maxAssociateLength,
        int maxCommandLength, long maxDataSetLength, int maxBufferedDataSetLength, int maxPDataFragments) {

    public static final Limits DEFAULTS = new Limits(64, 16, Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(10), 256 * 1024, 256 * 1024, 256 * 1024, 64 * 1024, 4L << 30, 8 << 20, 4096);

    public Limits {
        if (maxAssociations < 1 || maxAssociationsPerPeer < 1 || maxCommandLength < 64
                || maxBufferedDataSetLength < 1024 || maxPDataFragments < 1 || maxDataSetLength < 1024
                || maxSendPduLength < 256) {
            throw new IllegalArgumentException("limits out of range");
        }
        new org.pacs.dicom.net.pdu.PduLimits(maxPduLength, maxAssociateLength);
    }

    public Limits withMaxAssociations(int total, int perPeer) {
        return new Limits(total, perPeer, artimTimeout, idleTimeout, handshakeTimeout, maxPduLength, maxSendPduLength,
                maxAssociateLength, maxCommandLength, maxDataSetLength, maxBufferedDataSetLength, maxPDataFragments);
    }

    public Limits withTimeouts(Duration artim, Duration idle, Duration handshake) {
        return new Limits(maxAssociations, maxAssociationsPerPeer, artim, idle, handshake, maxPduLength,
                maxSendPduLength, maxAssociateLength, maxCommandLength, maxDataSetLength, maxBufferedDataSetLength,
                maxPDataFragments);
    }

    public Limits withMaxPduLength(int receive, int send) {
        return new Limits(maxAssociations, maxAssociationsPerPeer, artimTimeout, idleTimeout, handshakeTimeout,
                receive, send, maxAssociateLength, maxCommandLength, maxDataSetLength, maxBufferedDataSetLength,
                maxPDataFragments);
    }

    public Limits withDataLimits(int command, long dataSet, int buffered, int fragments) {
        return new Limits(maxAssociations, maxAssociationsPerPeer, artimTimeout, idleTimeout, handshakeTimeout,
                maxPduLength, maxSendPduLength, maxAssociateLength, command, dataSet, buffered, fragments);
    }
}

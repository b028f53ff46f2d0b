// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.util.function.BiConsumer;

/**
 * Limits and policies of a read. Every limit protects against hostile input: a length field cannot
 * force an allocation larger than {@code maxValueLength}, nesting deeper than {@code maxDepth} or more
 * than {@code maxElements} elements stops the read with a {@link DicomException}.
 *
 * @param maxValueLength longest value held in memory (bigger values of bulk VRs go to {@code bulkData})
 * @param maxDepth deepest sequence nesting
 * @param maxElements most data elements and items in one read
 * @param bulkDataThreshold values of OB/OD/OF/OL/OV/OW/UN longer than this go to {@code bulkData}
 * @param bulkData how bulk values are kept
 * @param stopTag stop before the first element whose tag is {@code >=} this (unsigned), or -1 to read all
 * @param violations told of each tolerated deviation with its byte offset
 */
public record ReadOptions(long maxValueLength, int maxDepth, long maxElements, long bulkDataThreshold,
        BulkDataPolicy bulkData, int stopTag, BiConsumer<Violation, Long> violations) {

    public static final long DEFAULT_MAX_VALUE_LENGTH = 64L << 20;
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final long DEFAULT_MAX_ELEMENTS = 2_000_000;
    public static final long DEFAULT_BULK_DATA_THRESHOLD = 64L << 10;

    /** Defaults: bulk values referenced in the source file (or spooled encrypted from a stream). */
    public static ReadOptions defaults() {
        return new ReadOptions(DEFAULT_MAX_VALUE_LENGTH, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS,
                DEFAULT_BULK_DATA_THRESHOLD, BulkDataPolicy.reference(), -1, (v, o) -> { });
    }

    public ReadOptions withBulkData(BulkDataPolicy policy, long threshold) {
        return new ReadOptions(maxValueLength, maxDepth, maxElements, threshold, policy, stopTag, violations);
    }

    public ReadOptions withStopTag(int tag) {
        return new ReadOptions(maxValueLength, maxDepth, maxElements, bulkDataThreshold, bulkData, tag, violations);
    }

    public ReadOptions withViolations(BiConsumer<Violation, Long> listener) {
        return new ReadOptions(maxValueLength, maxDepth, maxElements, bulkDataThreshold, bulkData, stopTag, listener);
    }

    public ReadOptions withLimits(long maxValueLength, int maxDepth, long maxElements) {
        return new ReadOptions(maxValueLength, maxDepth, maxElements, bulkDataThreshold, bulkData, stopTag, violations);
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeTokenWatchTest {
    @TempDir
    Path data;

    @Test
    void tellsOfEachTokenCreatedOrRotatedAfterItStarted() throws Exception {
        ScrapeToken.rotate(data, new SecureRandom());
        Semaphore changes = new Semaphore(0);
        try (ScrapeTokenWatch watch = ScrapeTokenWatch.start(data, Duration.ofMillis(20), changes::release)) {
            ScrapeToken.rotate(data, new SecureRandom());
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "rotation seen");
            ScrapeToken.rotate(data, new SecureRandom());
            assertTrue(changes.tryAcquire(5, TimeUnit.SECONDS), "second rotation seen");
            assertEquals(0, changes.availablePermits(), "each rotation told once");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.dicom.net.Association;

/** Fixed rules for tests: what every peer may do, its scope, and the destinations registered by AE title. */
final class TestPeerAccess implements PeerAccess {
    volatile boolean store = true;
    volatile boolean query = true;
    volatile boolean retrieve = true;
    volatile AccessScope scope = AccessScope.all();
    final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    /** The archive side of the last association a service asked about. */
    volatile Association last;

    @Override
    public Decision mayStore(Association association) {
        last = association;
        return store ? Decision.allow("test") : Decision.deny("test: storing not allowed");
    }

    @Override
    public Decision mayQuery(Association association) {
        last = association;
        return query ? Decision.allow("test") : Decision.deny("test: querying not allowed");
    }

    @Override
    public Decision mayRetrieve(Association association) {
        last = association;
        return retrieve ? Decision.allow("test") : Decision.deny("test: retrieving not allowed");
    }

    @Override
    public AccessScope scope(Association association) {
        return scope;
    }

    @Override
    public Optional<Destination> moveDestination(Association association, String destinationAeTitle) {
        return Optional.ofNullable(destinations.get(destinationAeTitle));
    }

    /** A plaintext destination on 127.0.0.1 whose (absent) certificate is not checked. */
    void plainDestination(String aeTitle, int port) {
        destinations.put(aeTitle, new Destination(aeTitle, "127.0.0.1", port, chain -> true));
    }

    /**
     * Waits until the archive has seen C-CANCEL for {@code messageId} on the last association: the
     * condition a cancel test needs before letting the operation go on.
     */
    void awaitCancelled(int messageId, Duration timeout) {
        awaitTrue(a -> a.isCancelled(messageId), timeout);
    }

    private void awaitTrue(Predicate<Association> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last == null || !condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}

package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.spi.ClusterView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What one wait reads on a real cluster: the backend's shared informer caches (no request per evaluation; informers
 * list and watch each resource once for all runs) and their change signal, which informer callbacks bump on every
 * event about a cached object.
 */
final class InformerChanges implements ClusterChanges {
    private final InformerCaches caches;
    private final InformerCaches.Lease lease;
    private final Clock clock;
    private final ClusterView view;
    private final Instant deadline;

    InformerChanges(KubernetesClient client, ApiKinds kinds, InformerCaches caches, InformerScope scope, ApiCalls calls,
                    Clock clock, Instant deadline, String purpose) {
        this.caches = caches;
        this.lease = caches.lease();
        this.clock = clock;
        this.deadline = deadline;
        // Direct reads (an informer not synced in time) retry no longer than the wait's own deadline.
        ObjectSource direct = new ApiObjectSource(client, kinds, calls.until(deadline));
        this.view = new MappedClusterView(new InformerObjectSource(client, kinds, caches, lease, scope, direct, clock, deadline,
                purpose));
    }

    @Override
    public ClusterView view() {
        return view;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public long version() {
        return caches.changes().version();
    }

    @Override
    public boolean awaitChange(long seen, Instant deadline) throws InterruptedException {
        Duration remaining = Duration.between(clock.instant(), deadline);
        return !remaining.isNegative() && !remaining.isZero() && caches.changes().awaitChange(seen, remaining);
    }

    @Override
    public String troubles() {
        return caches.recentErrors();
    }

    /** Releases the informers this wait read; they stay for the backend's next waits ({@link InformerCaches#LINGER}). */
    @Override
    public void close() {
        lease.close();
    }
}

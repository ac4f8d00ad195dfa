package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs waits on informer caches: evaluate, then sleep until an informer reports a change or the one deadline
 * passes, and evaluate again. No request is sent per evaluation; informers list and watch each resource once.
 */
final class InformerAwait {
    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final InformerCaches caches;
    private final ApiCalls calls;
    private final Clock clock;

    InformerAwait(KubernetesClient client, ApiKinds kinds, InformerCaches caches, ApiCalls calls, Clock clock) {
        this.client = client;
        this.kinds = kinds;
        this.caches = caches;
        this.calls = calls;
        this.clock = clock;
    }

    <T> T await(Wait<T> wait) {
        Instant deadline = clock.instant().plus(wait.timeout());
        // Direct reads (an informer not synced in time) retry no longer than the wait's own deadline.
        ObjectSource direct = new ApiObjectSource(client, kinds, calls.until(deadline));
        ClusterView view = new MappedClusterView(
                new InformerObjectSource(client, kinds, caches, direct, clock, deadline, wait.description()));
        ChangeSignal changes = caches.changes();
        while (true) {
            // Read the version before evaluating: a change during evaluation then wakes the next await at once.
            long seen = changes.version();
            Verdict<T> verdict = wait.evaluate(view);
            if (verdict instanceof Verdict.Satisfied<T> satisfied) {
                return satisfied.value();
            }
            String reason = ((Verdict.Pending<T>) verdict).reason();
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                String errors = caches.recentErrors();
                throw wait.timedOut(view, errors.isEmpty() ? reason : reason + " (" + errors + ")");
            }
            try {
                changes.awaitChange(seen, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BlueprintInterruptedException(wait.description(), e);
            }
        }
    }
}

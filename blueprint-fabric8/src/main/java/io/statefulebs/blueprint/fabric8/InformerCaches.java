package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The backend's informers, shared by every run and wait of the backend: one per {@link InformerSpec} (a resource,
 * cluster-wide or in one namespace, selected by the library's ownership label or filtered before caching), started by
 * the first wait that reads it and kept while a wait holds it ({@link Lease}) and for {@link #LINGER} after, so the
 * next wait of the same run, or another run's, finds it warm and sends no LIST or WATCH. Every informer event about a
 * cached object bumps one {@link ChangeSignal} so waits re-evaluate. fabric8 re-lists after a dropped watch or 410
 * Gone; other watch errors are logged and kept for the timeout message, and those that retrying cannot fix (401, 403,
 * 404) stop the informer and fail the waits that read it.
 */
final class InformerCaches implements AutoCloseable {
    /** How long an informer no wait holds is kept: across the gaps between one run's waits, and between runs. */
    static final Duration LINGER = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(InformerCaches.class);
    private static final Set<Integer> HOPELESS = Set.of(HttpURLConnection.HTTP_UNAUTHORIZED,
            HttpURLConnection.HTTP_FORBIDDEN, HttpURLConnection.HTTP_NOT_FOUND);

    private final Map<String, Running<?>> informers = new ConcurrentHashMap<>();
    private final ChangeSignal changes = new ChangeSignal();
    private final OwnedObjects owned = new OwnedObjects();
    private final Clock clock;
    private boolean closed;

    InformerCaches(Clock clock) {
        this.clock = clock;
    }

    ChangeSignal changes() {
        return changes;
    }

    OwnedObjects owned() {
        return owned;
    }

    /** {@return how many informers run now (for tests and benchmarks)} */
    int running() {
        return informers.size();
    }

    /**
     * The object {@code objectKey} in the cache of the informer {@code specKey} when that informer runs and has synced,
     * without holding it (nothing is started); empty otherwise.
     */
    <T> Optional<T> peek(String specKey, String objectKey, Class<T> type) {
        Running<?> running = informers.get(specKey);
        if (running == null || !running.synced.isDone() || running.synced.isCompletedExceptionally() || running.fatal.get() != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(running.informer.getStore().getByKey(objectKey)).filter(type::isInstance).map(type::cast);
    }

    /** A new hold on informers, for one wait; closing it releases every informer it read. */
    Lease lease() {
        return new Lease(true);
    }

    /**
     * A look at the informers that holds none: it reads an informer that runs and watches, starts one only when it is
     * shared by every run (cluster-wide: {@link InformerSpec#clusterWide()}) and leaves it to linger ({@link #LINGER}),
     * and never starts one for a single namespace, which would cost a run a LIST and a WATCH for one read. Needs no
     * closing.
     */
    Lease glance() {
        return new Lease(false);
    }

    /** The watch errors not yet followed by an event, for timeout messages; empty when there are none. */
    String recentErrors() {
        return informers.values().stream().filter(r -> r.lastError.get() != null)
                .map(r -> "watch of " + r.spec.key() + " failed: " + ApiErrors.serverMessage(r.lastError.get()))
                .collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        List<Running<?>> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(informers.values());
            informers.clear();
        }
        running.forEach(Running::stop);
    }

    /** One wait's hold on the informers it reads. */
    final class Lease implements AutoCloseable {
        private final Set<String> held = new LinkedHashSet<>();
        /** False for a {@link #glance()}. */
        private final boolean holds;

        private Lease(boolean holds) {
            this.holds = holds;
        }

        /**
         * The synced cache of {@code spec}'s informer (and of the informers it needs), starting them if needed and
         * waiting at most {@code maxWait} for their first list; empty if that did not finish in time.
         */
        <T extends HasMetadata> Optional<Store<T>> store(InformerSpec<T> spec, Duration maxWait, String awaited) {
            for (InformerSpec<?> needed : spec.needs()) {
                if (store(needed, maxWait, awaited).isEmpty()) {
                    return Optional.empty();
                }
            }
            Running<T> running = holds ? hold(this, spec) : glanceAt(spec);
            if (running == null) {
                return Optional.empty();
            }
            try {
                if (!running.synced.isDone() && (maxWait.isNegative() || maxWait.isZero())) {
                    return Optional.empty();
                }
                running.synced.get(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BlueprintInterruptedException(awaited, e);
            } catch (ExecutionException e) {
                throw discard(running, e.getCause());
            }
            Throwable fatal = running.fatal.get();
            if (fatal != null) {
                throw discard(running, fatal);
            }
            // A glance reads only a cache that is being kept current; a wait's lease reads it while fabric8 re-lists.
            return holds || running.informer.isWatching() ? Optional.of(running.informer.getStore()) : Optional.empty();
        }

        @Override
        public void close() {
            release(this);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized <T extends HasMetadata> Running<T> hold(Lease lease, InformerSpec<T> spec) {
        if (closed) {
            throw new BackendException("watch " + spec.key(), "the backend is closed");
        }
        Running<T> running = (Running<T>) informers.computeIfAbsent(spec.key(), k -> new Running<>(spec));
        if (lease.held.add(spec.key())) {
            running.holders++;
        }
        return running;
    }

    /**
     * The informer a glance reads: a running one, or a new cluster-wide one; null otherwise. One no wait holds lingers
     * from the glance on ({@link #LINGER}), so informers that only glances read (a Deployments informer for runs of
     * StatefulSets) stay while runs keep looking instead of being stopped and listed again.
     */
    @SuppressWarnings("unchecked")
    private synchronized <T extends HasMetadata> Running<T> glanceAt(InformerSpec<T> spec) {
        Running<T> running = (Running<T>) informers.get(spec.key());
        if (running == null && spec.clusterWide() && !closed) {
            running = new Running<>(spec);
            informers.put(spec.key(), running);
        }
        if (running != null && running.holders == 0) {
            running.idleSince = clock.instant();
        }
        return running;
    }

    private void release(Lease lease) {
        List<Running<?>> expired = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (String key : lease.held) {
                Running<?> running = informers.get(key);
                if (running != null && --running.holders == 0) {
                    running.idleSince = now;
                }
            }
            lease.held.clear();
            informers.values().removeIf(r -> {
                boolean idle = r.holders == 0 && r.idleSince != null && !now.isBefore(r.idleSince.plus(LINGER));
                if (idle) {
                    expired.add(r);
                }
                return idle;
            });
        }
        expired.forEach(Running::stop);
    }

    private RuntimeException discard(Running<?> running, Throwable failure) {
        informers.remove(running.spec.key(), running);
        running.stop();
        return ApiErrors.translate("watch " + running.spec.key(), running.spec.access(), failure);
    }

    private final class Running<T extends HasMetadata> implements ResourceEventHandler<T> {
        final InformerSpec<T> spec;
        final SharedIndexInformer<T> informer;
        final FilteredItemStore<T> filtered;
        final Runnable stopRechecks;
        final AtomicReference<Throwable> lastError = new AtomicReference<>();
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final CompletableFuture<Void> synced;
        int holders;
        Instant idleSince;

        Running(InformerSpec<T> spec) {
            this.spec = spec;
            this.informer = spec.source().get().runnableInformer(0);
            this.filtered = spec.filter() == null ? null : new FilteredItemStore<>(spec.filter(), spec.keptUntilDeleted());
            if (filtered != null) {
                informer.removeNamespaceIndex();
                informer.itemStore(filtered);
                stopRechecks = owned.onChange(() -> {
                    if (filtered.recheck()) {
                        spec.tracker().afterRecheck(filtered);
                        changes.changed();
                    }
                });
            } else {
                stopRechecks = () -> { };
            }
            informer.addEventHandler(this);
            informer.exceptionHandler(this::retryAfter);
            this.synced = informer.start().toCompletableFuture();
        }

        void stop() {
            stopRechecks.run();
            informer.stop();
            spec.tracker().stopped(informer.getStore().list());
        }

        private boolean retryAfter(boolean started, Throwable failure) {
            lastError.set(failure);
            boolean hopeless = ApiErrors.unwrap(failure) instanceof KubernetesClientException api && HOPELESS.contains(api.getCode());
            if (hopeless) {
                fatal.set(failure);
                LOG.warn("Watch of {} failed and is not retried: {}", spec.key(), ApiErrors.unwrap(failure).getMessage());
            } else {
                LOG.warn("Watch of {} failed, fabric8 retries it: {}", spec.key(), ApiErrors.unwrap(failure).getMessage());
            }
            changes.changed();
            return !hopeless;
        }

        private void seen(T object, boolean present) {
            lastError.set(null);
            boolean kept = filtered == null || filtered.get(Cache.metaNamespaceKeyFunc(object)) != null;
            spec.tracker().seen(object, present && kept);
            if (kept || !present) {
                changes.changed();
            }
        }

        @Override
        public void onAdd(T obj) {
            seen(obj, true);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            seen(newObj, true);
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            seen(obj, false);
        }
    }
}

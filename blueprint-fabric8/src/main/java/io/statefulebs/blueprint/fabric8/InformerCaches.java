package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The backend's informers, one per resource and namespace, started the first time a wait reads that resource
 * and kept (list once, then watch) until {@link #close()}. Every informer event bumps one {@link ChangeSignal}
 * so waits re-evaluate. fabric8 re-lists after a dropped watch or 410 Gone; other watch errors are logged and
 * kept for the timeout message, and those that retrying cannot fix (401, 403, 404) stop the informer and fail
 * the waits that read it.
 */
final class InformerCaches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InformerCaches.class);
    private static final Set<Integer> HOPELESS = Set.of(HttpURLConnection.HTTP_UNAUTHORIZED,
            HttpURLConnection.HTTP_FORBIDDEN, HttpURLConnection.HTTP_NOT_FOUND);

    private final Map<String, Running<?>> informers = new ConcurrentHashMap<>();
    private final ChangeSignal changes = new ChangeSignal();
    private boolean closed;

    ChangeSignal changes() {
        return changes;
    }

    /**
     * The synced cache of {@code key}'s informer, starting it if needed and waiting at most {@code maxWait} for its
     * first list; empty if that did not finish in time.
     */
    <T extends HasMetadata> Optional<Store<T>> store(String key, RequiredAccess access, Supplier<? extends Informable<T>> source,
                                                     Duration maxWait, String awaited) {
        Running<T> running = running(key, access, source);
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
        return Optional.of(running.informer.getStore());
    }

    /** The watch errors not yet followed by an event, for timeout messages; empty when there are none. */
    String recentErrors() {
        return informers.values().stream().filter(r -> r.lastError.get() != null)
                .map(r -> "watch of " + r.key + " failed: " + ApiErrors.serverMessage(r.lastError.get()))
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
        running.forEach(r -> r.informer.stop());
    }

    @SuppressWarnings("unchecked")
    private synchronized <T extends HasMetadata> Running<T> running(String key, RequiredAccess access,
                                                                    Supplier<? extends Informable<T>> source) {
        if (closed) {
            throw new BackendException("watch " + key, "the backend is closed");
        }
        return (Running<T>) informers.computeIfAbsent(key, k -> new Running<>(k, access, source.get().runnableInformer(0)));
    }

    private RuntimeException discard(Running<?> running, Throwable failure) {
        informers.remove(running.key, running);
        running.informer.stop();
        return ApiErrors.translate("watch " + running.key, running.access, failure);
    }

    private final class Running<T> implements ResourceEventHandler<T> {
        final String key;
        final RequiredAccess access;
        final SharedIndexInformer<T> informer;
        final AtomicReference<Throwable> lastError = new AtomicReference<>();
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final CompletableFuture<Void> synced;

        Running(String key, RequiredAccess access, SharedIndexInformer<T> informer) {
            this.key = key;
            this.access = access;
            this.informer = informer;
            informer.addEventHandler(this);
            informer.exceptionHandler(this::retryAfter);
            this.synced = informer.start().toCompletableFuture();
        }

        private boolean retryAfter(boolean started, Throwable failure) {
            lastError.set(failure);
            boolean hopeless = ApiErrors.unwrap(failure) instanceof KubernetesClientException api && HOPELESS.contains(api.getCode());
            if (hopeless) {
                fatal.set(failure);
                LOG.warn("Watch of {} failed and is not retried: {}", key, ApiErrors.unwrap(failure).getMessage());
            } else {
                LOG.warn("Watch of {} failed, fabric8 retries it: {}", key, ApiErrors.unwrap(failure).getMessage());
            }
            changes.changed();
            return !hopeless;
        }

        private void seen() {
            lastError.set(null);
            changes.changed();
        }

        @Override
        public void onAdd(T obj) {
            seen();
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            seen();
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            seen();
        }
    }
}

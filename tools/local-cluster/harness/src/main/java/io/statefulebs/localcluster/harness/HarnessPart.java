package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One part of the harness, shaped as a controller: informers whose events queue work on a single worker thread (so a
 * part never races with itself), a failed action logged and left to the next event or resync, as a controller retries.
 * {@link #close()} stops the informers, then the worker.
 */
abstract class HarnessPart implements AutoCloseable {
    protected final KubernetesClient client;
    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final ScheduledExecutorService worker;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    protected HarnessPart(KubernetesClient client, String threadName) {
        this.client = client;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the part's informers; returns once their first list is in their stores. */
    abstract void start();

    /** Keeps {@code informer} to close it with the part. */
    protected final <T> SharedIndexInformer<T> track(SharedIndexInformer<T> informer) {
        informers.add(informer);
        return informer;
    }

    /** A handler that calls {@code action} with the object and whether it was deleted (for adds and updates: the new object). */
    protected static <T extends HasMetadata> ResourceEventHandler<T> events(BiConsumer<T, Boolean> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                action.accept(obj, false);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                action.accept(newObj, false);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                action.accept(obj, true);
            }
        };
    }

    /** A handler that queues {@code changed} on the worker for adds and updates and ignores deletes. */
    protected final <T extends HasMetadata> ResourceEventHandler<T> onWorker(Consumer<T> changed) {
        return events((obj, deleted) -> {
            if (!deleted) {
                queue(obj, () -> changed.accept(obj));
            }
        });
    }

    /** Runs {@code action} on the worker; a failure is logged against {@code object}. */
    protected final void queue(HasMetadata object, Runnable action) {
        worker.execute(() -> safely(object, action));
    }

    /** Runs {@code action} now; a failure is logged against {@code object} (the next event or resync retries). */
    protected final void safely(HasMetadata object, Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            log.warn("{} {}: {}", object.getKind(), object.getMetadata().getName(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} {}", object.getKind(), object.getMetadata().getName(), e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

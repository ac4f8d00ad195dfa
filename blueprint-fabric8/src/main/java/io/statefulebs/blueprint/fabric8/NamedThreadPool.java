package io.statefulebs.blueprint.fabric8;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of at most {@code size} daemon threads named {@code name-1}, {@code name-2}, ..., started as work
 * comes and kept until {@link #close()}, with an unbounded queue: a task is never rejected while the pool is open,
 * it waits for a thread. Safe only for tasks that never block waiting on another task of the same pool (see
 * {@link ClientThreads}). {@link #close()} interrupts the threads and waits for them to end, so none is left running
 * once it returns.
 */
final class NamedThreadPool extends ThreadPoolExecutor implements AutoCloseable {
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(5);
    /**
     * The live threads, at most {@code size}: core threads never time out, none beyond the core is started, and a
     * thread that a task's exception ended is replaced (and dropped from here once it has terminated).
     */
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    NamedThreadPool(String name, int size) {
        super(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        AtomicInteger number = new AtomicInteger();
        setThreadFactory(task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            started.removeIf(t -> t.getState() == Thread.State.TERMINATED); // one a failed task ended, now replaced
            started.add(thread);
            return thread;
        });
    }

    /** Stops the pool: queued tasks are dropped, running ones interrupted; waits (5 s at most in all) for its threads. */
    @Override
    public void close() {
        shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread thread : started) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (thread == Thread.currentThread() || left <= 0) {
                continue; // closed from one of its own tasks (it ends when the task returns), or out of time
            }
            try {
                thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

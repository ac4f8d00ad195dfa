package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.fabric8.Fabric8Backend;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most live threads of each kind seen while a fan-out row runs, sampled: the callers' (the benchmark's pool of one
 * thread per run), the caller-supplied client's (its pools, named {@value #CALLER_CLIENT}...), the library's, and
 * every thread but the callers'. Library threads: those named {@link Fabric8Backend#THREAD_NAME_PREFIX} (the pools of
 * a client the backend built), plus any other thread started during the row that is not the benchmark's own: those a
 * client the backend built starts unnamed (the JDK HttpClient's selector thread) and JVM-wide helpers the library's
 * calls start (fabric8's shared scheduler). That over-counts rather than misses.
 */
final class ThreadPeaks {
    /** Name prefix of the fan-out's caller threads. */
    static final String CALLERS = "bench-run-";
    /** Name prefix of the threads of the client the benchmark builds and hands to {@code Fabric8Backend.builder().client(...)}. */
    static final String CALLER_CLIENT = "bench-client-";
    /** Name prefix of every thread the benchmark itself starts. */
    static final String BENCHMARK = "bench-";

    private final Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    private final AtomicInteger library = new AtomicInteger();
    private final AtomicInteger callerClient = new AtomicInteger();
    private final AtomicInteger butCallers = new AtomicInteger();

    /** Counts the live threads by kind and keeps each count's peak. */
    void sample() {
        int lib = 0;
        int client = 0;
        int others = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith(CALLERS)) {
                continue;
            }
            others++;
            if (name.startsWith(CALLER_CLIENT)) {
                client++;
            } else if (name.startsWith(Fabric8Backend.THREAD_NAME_PREFIX) || !before.contains(t) && !name.startsWith(BENCHMARK)) {
                lib++;
            }
        }
        library.accumulateAndGet(lib, Math::max);
        callerClient.accumulateAndGet(client, Math::max);
        butCallers.accumulateAndGet(others, Math::max);
    }

    int library() {
        return library.get();
    }

    int callerClient() {
        return callerClient.get();
    }

    int butCallers() {
        return butCallers.get();
    }
}

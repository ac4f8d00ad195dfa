package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.fabric8.Fabric8Backend;

import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whose a live thread of the benchmark's JVM is, told by its name alone: JVM threads (started on demand: "Attach
 * Listener", "process reaper", ForkJoin workers...) carry no Java stack that would name their starter, and the JDK
 * HTTP client's selector threads ({@code HttpClient-<n>-SelectorManager}) are told apart only by the {@code n} their
 * client got, so those of the clients that count are recorded when the clients are built
 * ({@link #startedBy(String, Supplier)}).
 *
 * <p>Library threads: named {@link Fabric8Backend#THREAD_NAME_PREFIX} (the pools of a client the backend built), the
 * selector thread of that client, and fabric8's JVM-wide scheduler thread ({@value #FABRIC8_SCHEDULER}..., watch
 * reconnects and retry backoffs of any fabric8 client; counted as the library's whichever client started it).
 * Caller's client threads: named {@value #CALLER_CLIENT} (the pools the benchmark gives the client it supplies) and
 * that client's selector thread. Everything else (the JVM's, the harness's client's, the benchmark's) is "other".
 */
final class ThreadNames {
    /** Name prefix of the fan-out's caller threads. */
    static final String CALLERS = "bench-run-";
    /** Name prefix of the threads of the client the benchmark builds and hands to {@code Fabric8Backend.builder().client(...)}. */
    static final String CALLER_CLIENT = "bench-client-";
    /** Name prefix of every thread the benchmark itself starts. */
    static final String BENCHMARK = "bench-";
    /**
     * How fabric8 8.0.0 names the thread of its one JVM-wide {@code CachedSingleThreadScheduler}: the class's simple
     * name and identity hash, then the JDK's default thread name ({@code CachedSingleThreadScheduler-1620041759-pool-6-thread-1}).
     */
    static final String FABRIC8_SCHEDULER = "CachedSingleThreadScheduler-";
    private static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** The kinds the fan-out counts apart. */
    enum Kind { CALLER, LIBRARY, CALLER_CLIENT, OTHER }

    private final Set<String> librarySelectors;
    private final Set<String> callerClientSelectors;

    /**
     * @param librarySelectors names of the selector threads of the client the backend built (none when the backend
     *                         runs on a client the caller supplied)
     * @param callerClientSelectors names of the selector threads of the client the benchmark supplies
     */
    ThreadNames(Set<String> librarySelectors, Set<String> callerClientSelectors) {
        this.librarySelectors = Set.copyOf(librarySelectors);
        this.callerClientSelectors = Set.copyOf(callerClientSelectors);
    }

    Kind kindOf(String name) {
        if (name.startsWith(CALLERS)) {
            return Kind.CALLER;
        }
        if (name.startsWith(Fabric8Backend.THREAD_NAME_PREFIX) || name.startsWith(FABRIC8_SCHEDULER) || librarySelectors.contains(name)) {
            return Kind.LIBRARY;
        }
        if (name.startsWith(CALLER_CLIENT) || callerClientSelectors.contains(name)) {
            return Kind.CALLER_CLIENT;
        }
        return Kind.OTHER;
    }

    /** A thread's name with its numbers as {@code N}, so that a pool's threads share one: {@code statefulebs-http-N}. */
    static String group(String name) {
        return NUMBER.matcher(name).replaceAll("N");
    }

    /** What {@code build} returned, and the JDK HTTP client selector threads that started while it ran. */
    record Started<T>(T value, Set<String> selectorThreads) {
    }

    /**
     * Runs {@code build} (building a fabric8 client on the JDK HTTP client, which starts its selector thread as it is
     * built) and names the selector threads that started meanwhile. The benchmark builds clients one at a time, on
     * its main thread, so those are the built client's.
     *
     * @param what what {@code build} builds, for the message
     * @throws IllegalStateException when no selector thread started: the client would then go uncounted
     */
    static <T> Started<T> startedBy(String what, Supplier<T> build) {
        Set<String> before = selectorThreads();
        T value = build.get();
        Set<String> started = selectorThreads();
        started.removeAll(before);
        if (started.isEmpty()) {
            throw new IllegalStateException("no JDK HTTP client selector thread (HttpClient-<n>-SelectorManager) started while "
                    + "building " + what + ": the thread counts could not tell its selector thread; check how the fabric8 "
                    + "version in use builds its JDK client");
        }
        return new Started<>(value, started);
    }

    private static Set<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> SELECTOR.matcher(n).matches())
                .collect(Collectors.toSet());
    }
}

package io.statefulebs.blueprint.it;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The most live threads of each kind seen while a fan-out row runs, sampled, kinds told by {@link ThreadNames}: the
 * library's (and their names at that peak), the caller-supplied client's, and every thread but the callers' (the
 * benchmark's pool of one thread per run). Live threads are those {@link Thread#getAllStackTraces()} lists, the Java
 * threads {@code ThreadMXBean}'s counts cover too (the JVM's own GC and compiler threads are in neither).
 */
final class ThreadPeaks {
    private final ThreadNames names;
    private final Supplier<? extends Collection<Thread>> live;
    private int library;
    private Map<String, Integer> libraryAtPeak = Map.of();
    private int callerClient;
    private int butCallers;

    /** Peaks of the JVM's live threads. */
    ThreadPeaks(ThreadNames names) {
        this(names, () -> Thread.getAllStackTraces().keySet());
    }

    /** Peaks of the threads {@code live} lists at each sample. */
    ThreadPeaks(ThreadNames names, Supplier<? extends Collection<Thread>> live) {
        this.names = names;
        this.live = live;
    }

    /** Counts the live threads by kind and keeps each count's peak, and the library's names at theirs. */
    synchronized void sample() {
        int lib = 0;
        int client = 0;
        int others = 0;
        Map<String, Integer> libraryNames = new TreeMap<>();
        for (Thread t : live.get()) {
            String name = t.getName();
            switch (names.kindOf(name)) {
                case CALLER -> {
                    continue;
                }
                case LIBRARY -> {
                    lib++;
                    libraryNames.merge(ThreadNames.group(name), 1, Integer::sum);
                }
                case CALLER_CLIENT -> client++;
                case OTHER -> {
                }
            }
            others++;
        }
        if (lib > library) {
            library = lib;
            libraryAtPeak = Map.copyOf(libraryNames);
        }
        callerClient = Math.max(callerClient, client);
        butCallers = Math.max(butCallers, others);
    }

    synchronized int library() {
        return library;
    }

    /** The library's threads when they were most, by {@linkplain ThreadNames#group(String) name group}, sorted. */
    synchronized Map<String, Integer> libraryAtPeak() {
        return new TreeMap<>(libraryAtPeak);
    }

    synchronized int callerClient() {
        return callerClient;
    }

    synchronized int butCallers() {
        return butCallers;
    }
}

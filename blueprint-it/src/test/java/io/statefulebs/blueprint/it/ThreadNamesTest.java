package io.statefulebs.blueprint.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.statefulebs.blueprint.it.ThreadNames.Kind.CALLER;
import static io.statefulebs.blueprint.it.ThreadNames.Kind.CALLER_CLIENT;
import static io.statefulebs.blueprint.it.ThreadNames.Kind.LIBRARY;
import static io.statefulebs.blueprint.it.ThreadNames.Kind.OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fan-out's thread kinds, from names seen in the benchmark's JVM (fabric8 8.0.0, JDK 17) and made-up ones. */
class ThreadNamesTest {
    private static final String BACKEND_SELECTOR = "HttpClient-3-SelectorManager";
    private static final String CALLER_CLIENT_SELECTOR = "HttpClient-2-SelectorManager";
    private static final ThreadNames NAMES = new ThreadNames(Set.of(BACKEND_SELECTOR), Set.of(CALLER_CLIENT_SELECTOR));

    @Test
    void libraryThreadsAreTheBackendsPoolsItsClientsSelectorAndFabric8sScheduler() {
        assertThat(List.of("statefulebs-http-1", "statefulebs-tasks-4", BACKEND_SELECTOR,
                "CachedSingleThreadScheduler-1620041759-pool-6-thread-1")).allSatisfy(name -> assertThat(NAMES.kindOf(name)).as(name).isEqualTo(LIBRARY));
    }

    @Test
    void jvmHarnessAndOtherClientsThreadsAreNotTheLibrarys() {
        assertThat(List.of("Attach Listener", "Common-Cleaner", "Signal Dispatcher", "process reaper", "Notification Thread",
                "Reference Handler", "Finalizer", "C2 CompilerThread1", "G1 Conc#1", "ForkJoinPool.commonPool-worker-1", "Thread-7",
                "main", "HttpClient-1-SelectorManager", "HttpClient-12-SelectorManager", "JdkHttpClientFactory-1160487387-pool-1-thread-2",
                "pool-7-thread-1", "bench-sampler-1"))
                .allSatisfy(name -> assertThat(NAMES.kindOf(name)).as(name).isEqualTo(OTHER));
    }

    @Test
    void callersAndTheCallersClientAreCountedApart() {
        assertThat(NAMES.kindOf("bench-run-17")).isEqualTo(CALLER);
        assertThat(NAMES.kindOf("bench-client-http-3")).isEqualTo(CALLER_CLIENT);
        assertThat(NAMES.kindOf("bench-client-tasks-1")).isEqualTo(CALLER_CLIENT);
        assertThat(NAMES.kindOf(CALLER_CLIENT_SELECTOR)).isEqualTo(CALLER_CLIENT);
    }

    @Test
    void withoutABuiltClientNoSelectorIsTheLibrarys() {
        assertThat(new ThreadNames(Set.of(), Set.of(CALLER_CLIENT_SELECTOR)).kindOf(BACKEND_SELECTOR)).isEqualTo(OTHER);
    }

    @Test
    void theSelectorThreadAClientStartsAsItIsBuiltIsNamedAndCountsAsTheLibrarysWhenTheBackendBuiltIt() {
        ThreadNames.Started<HttpClient> started = ThreadNames.startedBy("a JDK client", HttpClient::newHttpClient);

        assertThat(started.selectorThreads()).singleElement().asString().matches("HttpClient-\\d+-SelectorManager");
        String selector = started.selectorThreads().iterator().next();
        assertThat(new ThreadNames(started.selectorThreads(), Set.of()).kindOf(selector)).isEqualTo(LIBRARY);
        assertThat(new ThreadNames(Set.of(), started.selectorThreads()).kindOf(selector)).isEqualTo(CALLER_CLIENT);
    }

    @Test
    void buildingNoClientFailsRatherThanLeaveASelectorUncounted() {
        assertThatThrownBy(() -> ThreadNames.startedBy("nothing", () -> "not a client"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("while building nothing");
    }

    @Test
    void groupsNumberTheThreadsOfAPoolAlike() {
        assertThat(ThreadNames.group("statefulebs-http-12")).isEqualTo("statefulebs-http-N");
        assertThat(ThreadNames.group("CachedSingleThreadScheduler-1620041759-pool-6-thread-1"))
                .isEqualTo("CachedSingleThreadScheduler-N-pool-N-thread-N");
    }

    @Test
    void peaksCountJvmThreadsStartedDuringTheRowAsOtherAndKeepTheLibrarysNamesAtTheirPeak() {
        List<Thread> live = new ArrayList<>(threads("main", "Common-Cleaner", CALLER_CLIENT_SELECTOR, "bench-client-http-1"));
        Supplier<List<Thread>> sample = () -> live;
        ThreadPeaks peaks = new ThreadPeaks(NAMES, sample);
        peaks.sample();
        live.addAll(threads("bench-run-1", "bench-run-2", "statefulebs-http-1", "statefulebs-http-2", BACKEND_SELECTOR,
                "Attach Listener", "C1 CompilerThread0", "ForkJoinPool.commonPool-worker-1", "HttpClient-9-SelectorManager"));
        peaks.sample();
        live.removeIf(t -> t.getName().equals("statefulebs-http-2"));
        live.addAll(threads("CachedSingleThreadScheduler-1-pool-2-thread-1", "bench-client-http-2"));
        peaks.sample();

        assertThat(peaks.library()).isEqualTo(3);
        assertThat(peaks.libraryAtPeak()).containsExactly(Map.entry("HttpClient-N-SelectorManager", 1), Map.entry("statefulebs-http-N", 2));
        assertThat(peaks.callerClient()).isEqualTo(3);
        assertThat(peaks.butCallers()).isEqualTo(12);
    }

    private static List<Thread> threads(String... names) {
        return Arrays.stream(names).map(name -> new Thread(() -> { }, name)).toList();
    }
}

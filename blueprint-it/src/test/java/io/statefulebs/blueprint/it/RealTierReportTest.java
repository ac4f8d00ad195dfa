package io.statefulebs.blueprint.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out table of BENCHMARKS.md's "Real tier" section, from rows measured before threads were counted by kind,
 * after, and after library threads were told by name.
 */
class RealTierReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fanOutRowsShowLibraryThreadsByNameAndMarkThoseCountedBeforeNames() throws Exception {
        JsonNode results = JSON.readTree("""
                {"fanOutMeasuredAt": "2026-11-28T14:00:00Z",
                 "fanOut": [
                   {"runs": 100, "backend": "one shared", "wallMillis": 90000, "runMedianMillis": 60000, "runMaxMillis": 80000,
                    "threadsBefore": 20, "peakThreads": 133, "peakThreadsButCallers": 33, "peakLibraryThreadsByName": 12,
                    "libraryThreadsAtPeak": {"CachedSingleThreadScheduler-N-pool-N-thread-N": 1, "HttpClient-N-SelectorManager": 1,
                                             "statefulebs-http-N": 6, "statefulebs-tasks-N": 4},
                    "peakCallerClientThreads": 0, "heapGrowthMiB": 100.0, "retainedHeapAllReadyMiB": 31.5, "requests": 2400, "requestsPerRun": 24.0,
                    "watches": 9, "failures": []},
                   {"runs": 10, "backend": "one per run", "failures": ["java.lang.IllegalStateException: boom"]}],
                 "fanOutBaseline": [
                   {"runs": 100, "backend": "one shared", "wallMillis": 95000, "runMedianMillis": 61000, "runMaxMillis": 81000,
                    "threadsBefore": 30, "peakThreads": 177, "peakThreadsButCallers": 78, "heapGrowthMiB": 426.0,
                    "requests": 4800, "requestsPerRun": 48.0, "watches": 300, "failures": []},
                   {"runs": 10, "backend": "one shared", "wallMillis": 35000, "runMedianMillis": 34000, "runMaxMillis": 35000,
                    "threadsBefore": 13, "peakThreads": 42, "peakThreadsButCallers": 32, "peakLibraryThreads": 19,
                    "peakCallerClientThreads": 0, "heapGrowthMiB": 137.0, "requests": 606, "requestsPerRun": 60.6, "watches": 7,
                    "failures": []}]}
                """);

        List<String> lines = Arrays.asList(RealTierReport.markdown(results).split("\n"));

        String header = lines.stream().filter(l -> l.startsWith("| runs |")).findFirst().orElseThrow();
        assertThat(header).contains("| peak but callers | library | caller's client | heap growth | retained, all ready |");
        assertThat(lines).contains("| 100 | one shared | 90.0 s | 60.0 s | 80.0 s | 20 | 133 | 33 | 12 | 0 | 100.0 MiB | 31.5 MiB | 2400 | 24.0 | 9 |",
                "| 100 | one shared | 95.0 s | 61.0 s | 81.0 s | 30 | 177 | 78 | - | - | 426.0 MiB | - | 4800 | 48.0 | 300 |",
                "| 10 | one shared | 35.0 s | 34.0 s | 35.0 s | 13 | 42 | 32 | 19† | 0 | 137.0 MiB | - | 606 | 60.6 | 7 |");
        assertThat(lines).containsOnlyOnce("Library threads at their peak, 100 runs (one shared): CachedSingleThreadScheduler-N-pool-N-thread-N 1,"
                + " HttpClient-N-SelectorManager 1, statefulebs-http-N 6, statefulebs-tasks-N 4.");
        assertThat(lines).containsOnlyOnce("† Counted before threads were told by name: every thread started during the row but the"
                + " benchmark's own, the JVM's and other clients' included (an over-count).");
        assertThat(lines).contains("Against the targets, 100 runs (one shared): library threads 12 (at most 16: met); retained heap"
                + " 31.5 MiB (under 128 MiB: met); 24.0 requests per run (at most 25: met); watches [9] over [100] runs (the same at"
                + " every size: met).");
        String failed = lines.stream().filter(l -> l.contains("failed: 1 of 10 runs")).findFirst().orElseThrow();
        assertThat(cells(failed)).as("the failed row's cells").isEqualTo(cells(header));
    }

    private static long cells(String row) {
        return row.chars().filter(c -> c == '|').count();
    }
}

package io.statefulebs.blueprint.fabric8;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kept answers, and concurrent misses of one key sharing one read. */
class ShortLivedAnswersTest {
    private static final int THREADS = 8;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private volatile Instant now = Instant.parse("2026-11-28T00:00:00Z");
    private final ShortLivedAnswers answers = new ShortLivedAnswers(() -> now);
    private final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aKeptAnswerIsReusedForItsLifetimeAndReadAgainAfter() {
        assertThat(answers.get("q", this::yes, a -> true)).isEqualTo("yes");
        assertThat(answers.get("q", this::yes, a -> true)).isEqualTo("yes");
        assertThat(reads).hasValue(1);
        now = now.plus(ShortLivedAnswers.LIFETIME);
        answers.get("q", this::yes, a -> true);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anAnswerNotKeptIsReadEveryTime() {
        answers.get("q", this::yes, a -> false);
        answers.get("q", this::yes, a -> false);
        assertThat(reads).hasValue(2);
    }

    @Test
    void concurrentMissesShareOneReadWhoseAnswerIsKept() throws Exception {
        List<String> got = missAtOnce(() -> "yes", a -> true);
        assertThat(got).hasSize(THREADS).containsOnly("yes");
        assertThat(reads).as("one read for every thread that missed").hasValue(1);
    }

    @Test
    void concurrentMissesEachReadWhenTheAnswerIsNotKept() throws Exception {
        List<String> got = missAtOnce(() -> "no", a -> false);
        assertThat(got).hasSize(THREADS).containsOnly("no");
        assertThat(reads).as("a bad answer is never handed on: every thread asks itself").hasValue(THREADS);
    }

    @Test
    void aFailedReadFailsItsReaderAndTheOthersReadThemselves() {
        assertThatThrownBy(() -> answers.get("q", () -> {
            throw new IllegalStateException("server down");
        }, a -> true)).hasMessage("server down");
        assertThat(answers.get("q", this::yes, a -> true)).as("nothing left under way after a failure").isEqualTo("yes");
    }

    /** {@link #THREADS} threads miss "q" while the first read is held until all of them have asked. */
    private List<String> missAtOnce(Supplier<String> answer, Predicate<String> keep) throws Exception {
        CountDownLatch asked = new CountDownLatch(THREADS);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                asked.countDown();
                return answers.get("q", () -> {
                    reads.incrementAndGet();
                    await(release);
                    return answer.get();
                }, keep);
            }));
        }
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        // Every thread has called get (or is about to): a thread that has not reached putIfAbsent yet when the read ends
        // finds the kept answer, or, when it is not kept, reads itself; both are what is asserted.
        release.countDown();
        List<String> got = new ArrayList<>();
        for (Future<String> future : futures) {
            got.add(future.get(10, TimeUnit.SECONDS));
        }
        return got;
    }

    private String yes() {
        reads.incrementAndGet();
        return "yes";
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

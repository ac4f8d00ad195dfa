package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaiterTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    @Test
    void aDeadlinePassedWhileEvaluatingIsDecidedByOneMoreLook() {
        // On a cluster shared by several runs another run's thread moves time on while this one evaluates:
        // the state it saw is stale, and the deadline passing meanwhile must not turn it into a timeout.
        AtomicInteger looks = new AtomicInteger();
        Wait<String> wait = Wait.until("ready", Duration.ofMinutes(1), view -> {
            if (looks.incrementAndGet() == 1) {
                cluster.advance(Duration.ofMinutes(5));
                return Verdict.pending("not yet");
            }
            return Verdict.satisfied("ready");
        });

        assertThat(Waiter.await(cluster, wait)).isEqualTo("ready");
        assertThat(looks).hasValue(2);
    }

    @Test
    void aConditionStillPendingAfterTheDeadlineTimesOutWithItsLastReason() {
        AtomicInteger looks = new AtomicInteger();
        Wait<String> wait = Wait.until("ready", Duration.ofMinutes(1), view -> Verdict.pending("look " + looks.incrementAndGet()));

        assertThatThrownBy(() -> Waiter.await(cluster, wait))
                .isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("look " + looks.get());
        assertThat(looks.get()).isGreaterThanOrEqualTo(2);
    }
}

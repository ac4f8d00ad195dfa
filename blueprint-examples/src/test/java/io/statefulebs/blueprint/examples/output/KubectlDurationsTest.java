package io.statefulebs.blueprint.examples.output;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KubectlDurationsTest {
    @ParameterizedTest
    @CsvSource({"0,0s", "16,16s", "116,116s", "120,2m", "227,3m47s", "599,9m59s", "600,10m", "10799,179m",
            "10800,3h", "19200,5h20m", "172800,2d", "180000,2d2h", "864000,10d", "63072000,2y"})
    void showsAgesAsKubectlDoes(long seconds, String expected) {
        assertThat(KubectlDurations.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}

package io.statefulebs.blueprint.spec;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.InvalidSpecException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every invalid spec of the validation battery, deployed: it fails before a single backend call. */
class BadInputCreatesNothingTest {

    @ParameterizedTest(name = "{0}={1}: no backend call")
    @MethodSource("io.statefulebs.blueprint.spec.SpecValidationTest#invalid")
    void deployingAnInvalidSpecMakesNoBackendCall(String field, String value, UnaryOperator<StatefulEbsBlueprint.Builder> change) {
        List<String> calls = new ArrayList<>();
        ClusterBackend recording = (ClusterBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ClusterBackend.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    throw new AssertionError("backend called: " + method.getName());
                });

        assertThatThrownBy(() -> change.apply(StatefulEbsBlueprint.builder().zone("eu-west-2a")).backend(recording).deploy())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(field);
        assertThat(calls).isEmpty();
    }
}

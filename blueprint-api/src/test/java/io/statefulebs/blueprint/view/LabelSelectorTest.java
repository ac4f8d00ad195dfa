package io.statefulebs.blueprint.view;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Label selectors match as Kubernetes' do: every label and every expression, with the four label-selector operators. */
class LabelSelectorTest {
    private static final Map<String, String> DB = Map.of("app", "db", "tier", "data");

    private static LabelSelector expression(String key, String operator, String... values) {
        return new LabelSelector(Map.of(), List.of(new NodeRequirement(key, operator, List.of(values))));
    }

    @Test
    void eachOperatorMatchesAsKubernetesDoes() {
        assertThat(expression("app", "In", "db", "cache").matches(DB)).isTrue();
        assertThat(expression("app", "In", "cache").matches(DB)).isFalse();
        assertThat(expression("zone", "In", "a").matches(DB)).as("In needs the label").isFalse();
        assertThat(expression("app", "NotIn", "cache").matches(DB)).isTrue();
        assertThat(expression("app", "NotIn", "db").matches(DB)).isFalse();
        assertThat(expression("zone", "NotIn", "a").matches(DB)).as("NotIn holds without the label").isTrue();
        assertThat(expression("tier", "Exists").matches(DB)).isTrue();
        assertThat(expression("zone", "Exists").matches(DB)).isFalse();
        assertThat(expression("zone", "DoesNotExist").matches(DB)).isTrue();
        assertThat(expression("tier", "DoesNotExist").matches(DB)).isFalse();
    }

    @Test
    void labelsAndExpressionsMustAllHold() {
        LabelSelector selector = new LabelSelector(Map.of("app", "db"), List.of(new NodeRequirement("tier", "In", List.of("data"))));

        assertThat(selector.matches(DB)).isTrue();
        assertThat(selector.matches(Map.of("app", "db", "tier", "web"))).isFalse();
        assertThat(selector.matches(Map.of("tier", "data"))).isFalse();
        assertThat(selector.and("app", "cache").matches(DB)).as("an added key is ANDed, not replaced").isFalse();
        assertThat(selector.and("tier", "data").matches(DB)).isTrue();
        assertThat(selector).hasToString("{app=db, tier In [data]}");
    }

    @Test
    void anUnknownOperatorIsNotUnderstoodAndRefusesToMatch() {
        LabelSelector selector = expression("app", "Gt", "1");

        assertThat(selector.understood()).isFalse();
        assertThat(selector.unknownOperators()).containsExactly("Gt");
        assertThatThrownBy(() -> selector.matches(DB)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operator(s) [Gt]").hasMessageContaining("understood()");
        assertThat(LabelSelector.of(Map.of()).isEmpty()).isTrue();
        assertThatThrownBy(() -> new LabelSelector(null, List.of())).isInstanceOf(NullPointerException.class).hasMessage("matchLabels");
    }
}

package io.statefulebs.blueprint.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RenderCommandTest {
    @Test
    void rendersTheThreeManifestsOfTheBlueprintForTheZone() throws IOException {
        CliRun run = CliRun.of("render", "--zone", "eu-west-2a");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> documents = documents(run.out());
        assertThat(documents).extracting(d -> d.path("kind").asText())
                .containsExactly("StorageClass", "PersistentVolumeClaim", "Deployment");
        assertThat(documents.get(0).at("/allowedTopologies/0/matchLabelExpressions/0/values/0").asText()).isEqualTo("eu-west-2a");
        assertThat(documents.get(1).at("/spec/resources/requests/storage").asText()).isEqualTo("4Gi");
        assertThat(documents.get(2).at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void specOptionsShapeTheManifests() throws IOException {
        CliRun run = CliRun.of("render", "--zone", "eu-west-2b", "--workload", "StatefulSet", "--replicas", "5",
                "--namespace", "team-a", "--storage-class", "team-a-gp3", "--run-id", "fixed-id");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> documents = documents(run.out());
        assertThat(documents).extracting(d -> d.path("kind").asText()).contains("StorageClass", "StatefulSet");
        assertThat(documents.get(0).at("/metadata/name").asText()).isEqualTo("team-a-gp3");
        JsonNode set = documents.get(documents.size() - 1);
        assertThat(set.at("/metadata/namespace").asText()).isEqualTo("team-a");
        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(run.out()).contains("fixed-id");
    }

    @Test
    void theSameOptionsRenderTheSameYamlAndOtherOptionsAnotherRunId() throws IOException {
        CliRun first = CliRun.of("render", "--zone", "eu-west-2a");
        CliRun again = CliRun.of("render", "--zone", "eu-west-2a");
        CliRun otherZone = CliRun.of("render", "--zone", "eu-west-2b");

        assertThat(first.exitCode()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(runIds(first.out())).singleElement().asString().startsWith("render-");
        assertThat(runIds(otherZone.out())).singleElement().isNotIn(runIds(first.out()));
    }

    /** The run-id labels of the rendered objects. */
    private static Set<String> runIds(String yaml) throws IOException {
        return documents(yaml).stream().map(d -> d.at("/metadata/labels/statefulebs.io~1run-id").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void renderWithoutAZoneIsBadInputNamingTheZoneOption() {
        CliRun run = CliRun.of("render");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: render needs --zone ZONE (e.g. --zone eu-west-2a)")
                .doesNotContain("zone(\"").doesNotContain("withZone");
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            return it.readAll();
        }
    }
}

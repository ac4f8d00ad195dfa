package io.statefulebs.blueprint.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.spec.WorkloadKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With defaults and a zone, the rendered YAML means what the blueprint's storage.yaml and workload.yaml mean
 * with the placeholder replaced. "Means": ownership labels and the explicit default namespace aside, and scalars
 * compared as text (the blueprint writes {@code cpu: 1}, a quantity, where the library writes {@code "1"}).
 */
class GoldenRenderingTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void defaultsRenderTheBlueprintsManifests() throws IOException {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("golden").build();
        List<JsonNode> expected = new ArrayList<>(read("golden/storage.yaml", "eu-west-2a"));
        expected.addAll(read("golden/workload.yaml", "eu-west-2a"));

        String yaml = blueprint.render().toYaml();
        List<JsonNode> rendered = readAll(yaml);

        assertThat(rendered).hasSize(3);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(meaning(rendered.get(i))).as("document %d", i).isEqualTo(meaning(expected.get(i)));
        }
    }

    @Test
    void everyObjectCarriesTheOwnershipLabels() throws IOException {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("golden").build();
        Map<String, String> ownership = OwnershipLabels.forRun("golden");

        for (JsonNode doc : readAll(blueprint.render().toYaml())) {
            ownership.forEach((k, v) -> assertThat(doc.path("metadata").path("labels").path(k).asText()).isEqualTo(v));
        }
        JsonNode deployment = readAll(blueprint.render().toYaml()).get(2);
        assertThat(deployment.path("spec").path("template").path("metadata").path("labels").path(OwnershipLabels.RUN_ID).asText())
                .isEqualTo("golden");
    }

    @Test
    void theStatefulSetVariantGivesEachReplicaItsOwnClaim() throws IOException {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a")
                .workload(w -> w.kind(WorkloadKind.STATEFULSET)).build();

        List<JsonNode> docs = readAll(blueprint.render().toYaml());

        assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactly("StorageClass", "StatefulSet");
        JsonNode spec = docs.get(1).path("spec");
        assertThat(spec.path("volumeClaimTemplates").path(0).path("metadata").path("name").asText()).isEqualTo("ebs-claim");
        assertThat(spec.path("volumeClaimTemplates").path(0).path("spec").path("resources").path("requests").path("storage").asText())
                .isEqualTo("4Gi");
        assertThat(spec.path("template").path("spec").has("volumes")).isFalse();
        assertThat(spec.path("template").path("spec").path("containers").path(0).path("volumeMounts").path(0).path("name").asText())
                .as("the mount names the claim template's volume").isEqualTo("ebs-claim");
        assertThat(spec.path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText()).isEqualTo("Delete");
    }

    @Test
    void storageOptionsBecomeStorageClassParameters() throws IOException {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2b")
                .storage(s -> s.iops(4000).throughputMiBps(250).encrypted(true).kmsKeyId("alias/ebs").size("10Gi")).build();

        JsonNode parameters = readAll(blueprint.render().toYaml()).get(0).path("parameters");

        assertThat(parameters.path("iops").isTextual()).isTrue();
        assertThat(parameters.path("iops").asText()).isEqualTo("4000");
        assertThat(parameters.path("throughput").asText()).isEqualTo("250");
        assertThat(parameters.path("encrypted").asText()).isEqualTo("true");
        assertThat(parameters.path("kmsKeyId").asText()).isEqualTo("alias/ebs");
    }

    @Test
    void theRestrictedProfileHardensThePod() throws IOException {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a")
                .workload(w -> w.restrictedSecurity(true)).build();

        JsonNode pod = readAll(blueprint.render().toYaml()).get(2).path("spec").path("template").path("spec");

        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode container = pod.path("containers").path(0).path("securityContext");
        assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.path("capabilities").path("drop").path(0).asText()).isEqualTo("ALL");
    }

    private static List<JsonNode> read(String resource, String zone) throws IOException {
        try (InputStream in = GoldenRenderingTest.class.getClassLoader().getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("<<AVAILABILITY_ZONE>>", zone);
            return readAll(text);
        }
    }

    private static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** The document without ownership labels or the default namespace, with every scalar as text. */
    private static JsonNode meaning(JsonNode doc) {
        JsonNode copy = textual(doc);
        stripOwnership(copy.path("metadata"));
        stripOwnership(copy.path("spec").path("template").path("metadata"));
        if (copy.path("metadata").path("namespace").asText().equals("default")) {
            ((ObjectNode) copy.path("metadata")).remove("namespace");
        }
        return copy;
    }

    private static void stripOwnership(JsonNode metadata) {
        if (metadata instanceof ObjectNode object && object.path("labels") instanceof ObjectNode labels) {
            labels.remove(OwnershipLabels.MANAGED_BY);
            labels.remove(OwnershipLabels.RUN_ID);
            if (labels.isEmpty()) {
                object.remove("labels");
            }
        }
    }

    private static JsonNode textual(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(e -> out.set(e.getKey(), textual(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(textual(n)));
            return out;
        }
        return JsonNodeFactory.instance.textNode(node.asText());
    }
}

package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A StorageClass: its zone restriction is what the scheduler and Karpenter honour for unbound claims. */
record SimStorageClass(String name, Map<String, String> labels, ObjectNode body, String provisioner,
                       boolean waitForFirstConsumer, String topologyKey, Set<String> allowedZones) {

    static SimStorageClass read(ObjectNode body) {
        String key = "";
        Set<String> zones = new LinkedHashSet<>();
        for (JsonNode term : body.path("allowedTopologies")) {
            for (JsonNode expression : term.path("matchLabelExpressions")) {
                key = expression.path("key").asText();
                expression.path("values").forEach(v -> zones.add(v.asText()));
            }
        }
        return new SimStorageClass(body.path("metadata").path("name").asText(),
                PodTemplate.strings(body.path("metadata").path("labels")), body,
                body.path("provisioner").asText(), "WaitForFirstConsumer".equals(body.path("volumeBindingMode").asText()),
                key, Set.copyOf(zones));
    }

    /** The fields Kubernetes forbids changing once created. */
    JsonNode immutablePart() {
        ObjectNode copy = body.deepCopy();
        copy.remove("metadata");
        return copy;
    }
}

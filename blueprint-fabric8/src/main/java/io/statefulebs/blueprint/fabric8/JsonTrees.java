package io.statefulebs.blueprint.fabric8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;

/** fabric8's objects (Jackson 3) as the Jackson 2 trees the rest of the library reads: they meet as JSON text only. */
final class JsonTrees {
    /** Thread-safe once configured, and never reconfigured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTrees() {
    }

    static JsonNode of(KubernetesClient client, Object fabric8Object) {
        try {
            return JSON.readTree(client.getKubernetesSerialization().asJson(fabric8Object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fabric8 produced JSON that Jackson cannot read", e);
        }
    }
}

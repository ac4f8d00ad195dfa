package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** A Deployment or StatefulSet. Mutable replica count; guarded by the cluster's lock. */
final class SimWorkload {
    final String kind;
    final String namespace;
    final String name;
    Map<String, String> labels;
    final Map<String, String> selector;
    final PodTemplate template;
    final String templateHash;
    /** StatefulSet only: the claim template and its labels; whether claims go when the set is deleted. */
    final ObjectNode claimTemplate;
    final boolean deleteClaimsWithSet;
    int replicas;

    SimWorkload(ObjectNode body) {
        JsonNode metadata = body.path("metadata");
        JsonNode spec = body.path("spec");
        kind = body.path("kind").asText();
        namespace = metadata.path("namespace").asText("default");
        name = metadata.path("name").asText();
        labels = PodTemplate.strings(metadata.path("labels"));
        selector = PodTemplate.strings(spec.path("selector").path("matchLabels"));
        JsonNode claim = spec.path("volumeClaimTemplates").path(0);
        claimTemplate = claim.isObject() ? (ObjectNode) claim : null;
        template = PodTemplate.read(spec.path("template"), claimTemplate == null ? null
                : claimTemplate.path("metadata").path("name").asText());
        templateHash = hash(spec.path("template").toString());
        deleteClaimsWithSet = "Delete".equals(spec.path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText());
        replicas = spec.path("replicas").asInt(1);
    }

    boolean statefulSet() {
        return kind.equals("StatefulSet");
    }

    String key() {
        return namespace + "/" + name;
    }

    /** The claim a pod uses: the shared one, or the StatefulSet's per-ordinal one. */
    String claimFor(int ordinal) {
        return statefulSet() ? template.claimName() + "-" + name + "-" + ordinal : template.claimName();
    }

    /** A pod-template-hash in the ReplicaSet style (10 characters of the safe alphabet). */
    private static String hash(String template) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        long h = template.hashCode() & 0xffffffffL;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            out.append(alphabet.charAt((int) (h % alphabet.length())));
            h = h / alphabet.length() + (long) i * 7919;
        }
        return out.toString();
    }

}

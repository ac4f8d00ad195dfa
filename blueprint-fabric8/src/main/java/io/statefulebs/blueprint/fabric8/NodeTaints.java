package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.NotFoundException;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a taint on a node with a JSON patch that sets {@code spec.taints} under the library's field manager (a list
 * has no merge key for taints, so the whole list is written). The patch also sets the resourceVersion it was
 * computed from, so a concurrent change to the node makes the server answer 409 instead of losing that change; the
 * patch is then recomputed once from the node as it is now (the same single retry a conflicting apply gets).
 */
final class NodeTaints {
    private static final RequiredAccess GET = RequiredAccess.of("get", "nodes", "", null);
    private static final RequiredAccess PATCH = RequiredAccess.of("patch", "nodes", "", null);
    private static final PatchContext JSON_PATCH = new PatchContext.Builder().withPatchType(PatchType.JSON)
            .withFieldManager(ServerSideApplier.FIELD_MANAGER).build();

    private final KubernetesClient client;
    private final ApiCalls calls;

    NodeTaints(KubernetesClient client, ApiCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** Adds {@code key=value:effect}, replacing a taint with the same key and effect. */
    void add(String nodeName, String key, String value, String effect) {
        String operation = "taint node " + nodeName + " " + key + "=" + value + ":" + effect;
        if (!tryPatch(operation, nodeName, key, value, effect) && !tryPatch(operation, nodeName, key, value, effect)) {
            throw new BackendException(operation, "conflict: the node changed twice while it was being tainted; try again");
        }
    }

    /** Returns false when the node changed after it was read (409), so the patch was not applied. */
    private boolean tryPatch(String operation, String nodeName, String key, String value, String effect) {
        Node node = calls.run(operation, GET, () -> client.nodes().withName(nodeName).get());
        if (node == null) {
            throw new NotFoundException(operation, "node " + nodeName + " does not exist");
        }
        List<Taint> taints = new ArrayList<>(node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of() : node.getSpec().getTaints());
        taints.removeIf(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
        taints.add(new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build());
        List<Map<String, Object>> patch = new ArrayList<>();
        String resourceVersion = node.getMetadata().getResourceVersion();
        if (resourceVersion != null) {
            patch.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", resourceVersion));
        }
        patch.add(node.getSpec() == null ? Map.of("op", "add", "path", "/spec", "value", Map.of("taints", taints))
                : Map.of("op", "add", "path", "/spec/taints", "value", taints));
        String body = client.getKubernetesSerialization().asJson(patch);
        try {
            calls.retrying(operation, () -> client.nodes().withName(nodeName).patch(JSON_PATCH, body));
            return true;
        } catch (RuntimeException e) {
            if (ApiErrors.hasCode(e, HttpURLConnection.HTTP_CONFLICT)) {
                return false;
            }
            throw ApiErrors.translate(operation, PATCH, e);
        }
    }
}

package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulebs.blueprint.spec.Quantity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulated kubelet and scheduler need from a pod template: labels, node selector, CPU request, the
 * claim mounted and where, and the writer loop the container runs (if it is one the kubelet recognises).
 */
record PodTemplate(String image, Map<String, String> labels, Map<String, String> nodeSelector, long cpuMillis, String claimName,
                   String mountPath, Optional<WriterLoop> writer) {

    /** Reads {@code spec.template}; {@code claimTemplate} is the StatefulSet's claim template name, or null. */
    static PodTemplate read(JsonNode template, String claimTemplate) {
        Map<String, String> labels = strings(template.path("metadata").path("labels"));
        JsonNode pod = template.path("spec");
        JsonNode container = pod.path("containers").path(0);
        long cpu = Quantity.parse(container.path("resources").path("requests").path("cpu").asText("0"))
                .map(Quantity::millis).orElse(0L);
        String volumeName = container.path("volumeMounts").path(0).path("name").asText("");
        String mountPath = container.path("volumeMounts").path(0).path("mountPath").asText("");
        // A StatefulSet's claim template defines a volume of its name; a mount must name a defined volume.
        boolean defined = volumeName.isEmpty() || volumeName.equals(claimTemplate);
        String claim = volumeName.equals(claimTemplate) ? claimTemplate : null;
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(volumeName)) {
                defined = true;
                if (volume.has("persistentVolumeClaim")) {
                    claim = volume.path("persistentVolumeClaim").path("claimName").asText();
                }
            }
        }
        if (!defined) {
            throw new IllegalArgumentException("spec.template.spec.containers[0].volumeMounts[0].name: Not found: \""
                    + volumeName + "\"");
        }
        Optional<WriterLoop> writer = WriterLoop.recognise(container.path("command"), container.path("args"));
        return new PodTemplate(container.path("image").asText(), labels, strings(pod.path("nodeSelector")), cpu, claim, mountPath, writer);
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}

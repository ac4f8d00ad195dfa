package io.statefulebs.blueprint.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The tier's audit log, read into the fields least privilege is judged by (Metadata level: no bodies, no tokens). */
final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");

    private AuditLog() {
    }

    /**
     * One request: who, the verb the API server authorized it as, the resource ({@code group} "" for the core group,
     * {@code resource} with "/subresource"), namespace and name (empty when none); {@code uri} for non-resource requests.
     */
    record Request(String user, String verb, String group, String resource, String namespace, String name, int code,
                   String uri, String time) {
        boolean resourceRequest() {
            return !resource.isEmpty();
        }

        boolean write() {
            return WRITES.contains(verb) && !resource.equals("selfsubjectaccessreviews");
        }

        /** {@code resource.group} as RBAC errors name it. */
        String qualified() {
            return group.isEmpty() ? resource : resource + "." + group;
        }
    }

    static List<Request> read(Path file) {
        List<Request> requests = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                JsonNode ref = event.path("objectRef");
                String resource = ref.path("resource").asText("");
                String sub = ref.path("subresource").asText("");
                requests.add(new Request(event.path("user").path("username").asText(""), event.path("verb").asText(""),
                        ref.path("apiGroup").asText(""), sub.isEmpty() ? resource : resource + "/" + sub,
                        ref.path("namespace").asText(""), ref.path("name").asText(""),
                        event.path("responseStatus").path("code").asInt(0), event.path("requestURI").asText(""),
                        event.path("requestReceivedTimestamp").asText("")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return requests;
    }
}

package io.statefulebs.blueprint.examples.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.examples.walkthrough.StepError;
import io.statefulebs.blueprint.examples.walkthrough.StepRecord;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughReport;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The walkthrough's report as JSON, for CI and dashboards. Times are the backend's clock (virtual on the simulated
 * cluster) in ISO-8601, plus each step's wall-clock duration. Sections of steps that did not run are left out.
 * {@code schemaVersion} changes when a field is renamed or removed (added fields keep it).
 */
public final class ReportWriter {
    /** The report's format; readers check it before reading the rest. */
    public static final int SCHEMA_VERSION = 1;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode toJson(WalkthroughReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("backend", report.backend());
        root.put("runId", report.runId());
        root.put("namespace", report.namespace());
        root.put("zone", report.zone());
        root.put("passed", report.passed());
        report.failure().ifPresent(f -> root.set("failure", failure(f)));
        ArrayNode steps = root.putArray("steps");
        report.steps().forEach(s -> steps.add(step(s)));
        report.ready().ifPresent(ready -> {
            ArrayNode pods = root.putArray("pods");
            ready.pods().forEach(p -> pods.add(pod(p)));
            ready.claims().stream().findFirst().ifPresent(c -> root.set("claim", claim(c)));
            ArrayNode claims = root.putArray("claims");
            ready.claims().forEach(c -> claims.add(claim(c)));
            root.set("nodes", nodes(ready.nodes()));
        });
        report.firstRead().ifPresent(f -> {
            ObjectNode file = root.putObject("file").put("pod", f.pod()).put("path", f.path());
            file.set("lines", strings(f.lines()));
        });
        report.failover().ifPresent(f -> root.set("failover", failover(f)));
        report.disruption().ifPresent(d -> root.set("disruption", disruption(d)));
        if (report.afterScaleDown().isPresent() || report.afterScaleUp().isPresent()) {
            ObjectNode scale = root.putObject("scale");
            report.afterScaleDown().ifPresent(s -> scale.put("nodesAfterScaleDown", s.nodes().size()));
            report.afterScaleUp().ifPresent(s -> {
                scale.set("zonesAfterScaleUp", strings(s.nodeZones()));
                scale.set("nodesAfterScaleUp", nodes(s.nodes()));
            });
        }
        report.cleanup().ifPresent(c -> {
            ObjectNode cleanup = root.putObject("cleanup").put("remaining", c.remaining().size());
            cleanup.set("remainingObjects", strings(c.remaining()));
            cleanup.set("deleted", strings(c.deleted()));
        });
        return root;
    }

    public String toJsonText(WalkthroughReport report) {
        try {
            return mapper.writeValueAsString(toJson(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(WalkthroughReport report, Path file) {
        OutputFiles.write(file, toJsonText(report) + "\n", "the report");
    }

    private ObjectNode step(StepRecord s) {
        ObjectNode step = mapper.createObjectNode()
                .put("name", s.step().label())
                .put("status", s.outcome().label())
                .put("startedAt", s.startedAt().toString())
                .put("endedAt", s.endedAt().toString())
                .put("wallMillis", s.wallTime().toMillis())
                .put("message", s.message());
        s.error().ifPresent(e -> step.set("error", error(e)));
        return step;
    }

    /** The failed step, its message and its error, at the top so a reader need not search the steps. */
    private ObjectNode failure(StepRecord s) {
        ObjectNode failure = mapper.createObjectNode().put("step", s.step().label()).put("message", s.message());
        s.error().ifPresent(e -> failure.setAll(error(e)));
        return failure;
    }

    private ObjectNode error(StepError e) {
        ObjectNode error = mapper.createObjectNode().put("type", e.type());
        e.cause().ifPresent(c -> error.put("cause", c));
        return error;
    }

    private ObjectNode pod(PodView p) {
        return mapper.createObjectNode().put("name", p.name()).put("phase", p.phase()).put("ready", p.ready())
                .put("node", p.node()).put("createdAt", p.createdAt().toString());
    }

    private ObjectNode claim(ClaimView c) {
        ObjectNode claim = mapper.createObjectNode().put("name", c.name()).put("phase", c.phase())
                .put("capacity", c.capacity());
        claim.set("accessModes", strings(c.accessModes()));
        return claim.put("storageClass", c.storageClass()).put("volume", c.volumeName()).put("zone", c.zone());
    }

    private ArrayNode nodes(List<NodeView> nodes) {
        ArrayNode array = mapper.createArrayNode();
        nodes.forEach(n -> array.add(mapper.createObjectNode().put("name", n.name()).put("zone", n.zone())
                .put("instanceType", n.instanceType()).put("capacityType", n.capacityType())
                .put("nodePool", n.nodePool()).put("ready", n.ready())));
        return array;
    }

    private ObjectNode failover(FailoverReport f) {
        ObjectNode node = mapper.createObjectNode().put("deletedPod", f.deletedPod()).put("replacementPod", f.replacementPod());
        node.set("before", strings(f.before().lines()));
        node.set("after", strings(f.after().lines()));
        return node.put("preserved", f.preserved());
    }

    private ObjectNode disruption(DisruptionReport d) {
        ObjectNode node = mapper.createObjectNode().put("oldNode", d.oldNode()).put("nodeClaim", d.nodeClaim());
        node.set("newNodes", strings(d.newNodes()));
        node.put("zone", d.zone()).put("seconds", d.duration().toMillis() / 1000.0).put("boundSeconds", d.bound().toSeconds())
                .put("withinBound", d.withinBound()).put("contentPreserved", d.contentPreserved());
        ArrayNode delays = node.putArray("delays");
        d.delays().forEach(delay -> {
            ObjectNode entry = delays.addObject().put("cause", delay.cause().name()).put("firstSeen", delay.firstSeen().toString())
                    .put("lastSeen", delay.lastSeen().toString());
            entry.set("evidence", strings(delay.evidence()));
        });
        return node;
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}

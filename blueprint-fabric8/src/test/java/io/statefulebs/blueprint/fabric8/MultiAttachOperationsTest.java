package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.NotFoundException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What Multi-Attach recovery asks of the backend: taint a node, delete a stale VolumeAttachment; and their RBAC. */
class MultiAttachOperationsTest extends MockClusterTest {
    private static final String NODE = "ip-10-0-52-243";
    private static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    @Test
    void taintAddsOneAndReplacesTheSameKeyAndEffectUnderTheFieldManager() {
        client.nodes().resource(new NodeBuilder(ClusterObjects.karpenterNode(NODE, "eu-west-2a")).editOrNewSpec()
                .addNewTaint().withKey(OUT_OF_SERVICE).withValue("old").withEffect("NoExecute").endTaint()
                .addNewTaint().withKey(OUT_OF_SERVICE).withValue("kept").withEffect("NoSchedule").endTaint()
                .addNewTaint().withKey("dedicated").withValue("db").withEffect("NoSchedule").endTaint()
                .endSpec().build()).create();
        cluster.drainRequests();

        backend.taintNode(NODE, OUT_OF_SERVICE, "nodeshutdown", "NoExecute");

        assertThat(taints()).extracting(Taint::getKey, Taint::getValue, Taint::getEffect).containsExactlyInAnyOrder(
                tuple(OUT_OF_SERVICE, "kept", "NoSchedule"),
                tuple("dedicated", "db", "NoSchedule"),
                tuple(OUT_OF_SERVICE, "nodeshutdown", "NoExecute"));
        assertThat(cluster.drainRequests()).filteredOn(r -> r.getMethod().equals("PATCH")).singleElement().satisfies(r -> {
            assertThat(r.getPath()).isEqualTo("/api/v1/nodes/" + NODE + "?fieldManager=stateful-ebs-blueprint");
            assertThat(r.getHeader("Content-Type")).startsWith("application/json-patch+json");
        });
    }

    @Test
    void aConflictingTaintPatchIsRecomputedOnce() {
        client.nodes().resource(ClusterObjects.karpenterNode(NODE, "eu-west-2a")).create();
        cluster.server().expect().patch().withPath("/api/v1/nodes/" + NODE + "?fieldManager=stateful-ebs-blueprint")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage("Operation cannot be "
                        + "fulfilled on nodes \"" + NODE + "\": the object has been modified").build()).once();
        cluster.drainRequests();

        backend.taintNode(NODE, OUT_OF_SERVICE, "nodeshutdown", "NoExecute");

        assertThat(taints()).extracting(Taint::getKey).containsExactly(OUT_OF_SERVICE);
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getMethod).filteredOn("PATCH"::equals).hasSize(2);
    }

    @Test
    void taintingAMissingNodeIsNotFound() {
        assertThatThrownBy(() -> backend.taintNode("gone", OUT_OF_SERVICE, "nodeshutdown", "NoExecute"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("taint node gone node.kubernetes.io/out-of-service=nodeshutdown:NoExecute");
    }

    @Test
    void deleteVolumeAttachmentSaysWhetherItExisted() {
        client.storage().v1().volumeAttachments().resource(new VolumeAttachmentBuilder().withNewMetadata().withName("csi-1")
                .endMetadata().withNewSpec().withAttacher("ebs.csi.aws.com").withNodeName(NODE)
                .withNewSource().withPersistentVolumeName("pvc-1").endSource().endSpec().build()).create();

        assertThat(backend.deleteVolumeAttachment("csi-1")).isTrue();
        assertThat(client.storage().v1().volumeAttachments().withName("csi-1").get()).isNull();
        assertThat(backend.deleteVolumeAttachment("csi-1")).isFalse();
    }

    @Test
    void forbiddenNamesTheMissingGrantsWhichTheRbacFileHas() {
        cluster.server().expect().delete().withPath("/apis/storage.k8s.io/v1/volumeattachments/csi-1")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build()).once();
        client.nodes().resource(ClusterObjects.karpenterNode(NODE, "eu-west-2a")).create();
        cluster.server().expect().patch().withPath("/api/v1/nodes/" + NODE + "?fieldManager=stateful-ebs-blueprint")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build()).once();

        assertThatThrownBy(() -> backend.deleteVolumeAttachment("csi-1")).isInstanceOf(BackendException.class)
                .hasMessageContaining("'delete' on 'volumeattachments.storage.k8s.io' (cluster-wide); grant it (granted by the"
                        + " ClusterRole stateful-ebs-blueprint-recovery of the classpath resource " + ApiErrors.RBAC_RESOURCE + ")");
        assertThatThrownBy(() -> backend.taintNode(NODE, OUT_OF_SERVICE, "nodeshutdown", "NoExecute"))
                .isInstanceOf(BackendException.class).hasMessageContaining("'patch' on 'nodes' (cluster-wide)");
        assertThat(grants("storage.k8s.io", "volumeattachments", "delete")).isTrue();
        assertThat(grants("", "nodes", "patch")).isTrue();
        assertThat(grants("karpenter.sh", "nodepools", "list")).isTrue();
        assertThat(grants("karpenter.k8s.aws", "ec2nodeclasses", "get")).isTrue();
        assertThat(grants("", "nodes", "delete")).isFalse();
    }

    private List<Taint> taints() {
        return client.nodes().withName(NODE).get().getSpec().getTaints();
    }

    /** Whether a ClusterRole of the shipped rbac.yaml grants {@code verb} on {@code resource} of {@code group}. */
    private boolean grants(String group, String resource, String verb) {
        try (InputStream yaml = getClass().getClassLoader().getResourceAsStream(ApiErrors.RBAC_RESOURCE)) {
            List<HasMetadata> objects = client.getKubernetesSerialization().unmarshal(yaml);
            return objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                    .flatMap(role -> role.getRules().stream())
                    .anyMatch(rule -> matches(rule, group, resource, verb));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(PolicyRule rule, String group, String resource, String verb) {
        return rule.getApiGroups().contains(group) && rule.getResources().contains(resource) && rule.getVerbs().contains(verb)
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty());
    }
}

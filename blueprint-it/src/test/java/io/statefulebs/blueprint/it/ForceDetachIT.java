package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.testkit.WalkthroughFacts;
import io.statefulebs.blueprint.view.FileContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code MultiAttachPolicy.WAIT} on real components: after the instance under the pods is terminated (see
 * {@link NodeLossIT}), the attach-detach controller force-detaches the volume from the missing node once
 * {@code maxWaitForUnmountDuration} (6 minutes, fixed in v1.33) has passed since the pods left it, and attaches it to
 * the new node. The tier's one test that takes those real 6 minutes.
 */
class ForceDetachIT {
    private static final Logger LOG = LoggerFactory.getLogger(ForceDetachIT.class);
    private static final String ZONE = "eu-west-2a";
    /** kube-controller-manager's own words when the 6 minutes are over (reconciler.go, v1.33). */
    private static final String FORCE_DETACH = "maxWaitForUnmountDuration expired, force detaching";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace("force-detach");

    @Test
    void waitingRecoversByTheControllersForceDetach() throws IOException {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(cluster.namespace()).zone(ZONE).replicas(3)
                     .backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));
            String lost = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();
            String volume = run.claim().volumeName();
            // The controller logs the volume by its unique name, which ends with the EBS volume id.
            String volumeId = cluster.client().persistentVolumes().withName(volume).get().getSpec().getCsi().getVolumeHandle();
            FileContent before = run.readFile();
            assertThat(forceDetachLines(volumeId)).isEmpty();

            NodePower.powerOff(cluster.client(), lost);
            cluster.client().nodes().withName(lost).edit(n -> new NodeBuilder(n).editMetadata().withFinalizers(List.of()).endMetadata().build());
            cluster.client().nodes().withName(lost).delete();
            LocalCluster.awaitTrue("a Multi-Attach error on a replacement pod", Duration.ofMinutes(3), () -> !run.diagnoseMultiAttach().isEmpty());
            WalkthroughFacts.assertMultiAttachAfterNodeLoss(run, lost, false);

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.WAIT, Duration.ofMinutes(9));

            LOG.info("recovered: {}", recovery);
            assertThat(recovery.actions()).singleElement().asString().contains("waited for " + volume);
            WalkthroughFacts.assertRecoveredFromNodeLoss(run, recovery, MultiAttachPolicy.WAIT, lost, ZONE, before);
            assertThat(forceDetachLines(volumeId)).as("kube-controller-manager's force detach of " + volumeId).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(lost));
        }
    }

    private static List<String> forceDetachLines(String volumeId) throws IOException {
        try (var lines = Files.lines(cluster.componentLog("kube-controller-manager"))) {
            return lines.filter(l -> l.contains(FORCE_DETACH) && l.contains(volumeId)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

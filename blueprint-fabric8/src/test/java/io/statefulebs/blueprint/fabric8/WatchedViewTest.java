package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.spi.Waiter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Fabric8Backend#watchedView()}: reads the informers that run, starts only cluster-wide ones (shared by every
 * run), and reads the API server for what no informer of the namespace holds.
 */
class WatchedViewTest {
    private static final String NAMESPACE = "team-a";
    private static final Map<String, String> RUN = OwnershipLabels.forRun("r1");

    private MockCluster cluster;
    private Fabric8Backend backend;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        cluster.client().pods().inNamespace(NAMESPACE).resource(new PodBuilder(ClusterObjects.pendingPod(NAMESPACE, "p", "c"))
                .editMetadata().addToLabels(RUN).endMetadata().build()).create();
        backend = Fabric8Backend.builder().client(cluster.newClient()).build();
    }

    @AfterEach
    void stop() {
        backend.close();
        cluster.close();
    }

    @Test
    void withClusterWideRightsTheFirstLookStartsSharedInformersAndTheNextSendsNothing() {
        allowAccessReviews(true);
        assertThat(backend.watchedView().listLabelled(NAMESPACE, RUN)).containsExactly(pod("p"));
        assertThat(paths(cluster.drainRequests())).as("one informer for every namespace").anyMatch(p -> p.startsWith("/api/v1/pods?"));

        assertThat(backend.watchedView().listLabelled(NAMESPACE, RUN)).containsExactly(pod("p"));
        assertThat(reads(cluster.drainRequests())).as("the second look reads the caches").isEmpty();
    }

    @Test
    void withRightsInOneNamespaceOnlyALookStartsNoInformerThere() {
        allowAccessReviews(false);
        assertThat(backend.watchedView().listLabelled(NAMESPACE, RUN)).containsExactly(pod("p"));
        backend.watchedView().listLabelled(NAMESPACE, RUN);

        List<String> paths = paths(cluster.drainRequests());
        assertThat(paths).as("a LIST of the namespace's pods each time, never a watch")
                .filteredOn(p -> p.startsWith("/api/v1/namespaces/" + NAMESPACE + "/pods?")).hasSize(2)
                .noneMatch(p -> p.contains("watch=true"));
    }

    @Test
    void aLookReadsTheInformerAWaitStartedInTheNamespace() {
        allowAccessReviews(false);
        Waiter.await(backend, Wait.until("the run's pod", Duration.ofSeconds(30),
                view -> view.pods(NAMESPACE, RUN).isEmpty() ? Verdict.pending("no pod") : Verdict.satisfied(null)));
        cluster.drainRequests();

        assertThat(backend.watchedView().pods(NAMESPACE, RUN)).extracting(p -> p.name()).containsExactly("p");
        assertThat(reads(cluster.drainRequests())).as("the namespace's pod informer lingers after the wait").isEmpty();
    }

    private void allowAccessReviews(boolean allowed) {
        cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed).endStatus().build())
                .always();
    }

    private static ResourceRef pod(String name) {
        return ResourceRef.pod(NAMESPACE, name);
    }

    private static List<String> paths(List<RecordedRequest> requests) {
        return requests.stream().map(RecordedRequest::getPath).toList();
    }

    /** Requests other than watches (an informer's watch may open after its first list answered the look). */
    private static List<String> reads(List<RecordedRequest> requests) {
        return paths(requests).stream().filter(p -> !p.contains("watch=true")).toList();
    }
}

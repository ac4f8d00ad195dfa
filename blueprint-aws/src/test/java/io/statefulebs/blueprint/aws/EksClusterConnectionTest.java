package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.aws.FakeAws.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EksClusterConnectionTest {
    private static final String CLUSTER = "GET /clusters/blueprints";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T05:06:07Z"));
    private FakeAws aws;

    @BeforeEach
    void start() throws IOException {
        aws = new FakeAws();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void endpointCaAndTokenComeFromDescribeCluster() {
        aws.on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").clock(clock).build()) {
            EksClusterConnection connection = lookups.clusterConnection();

            assertThat(connection.clusterName()).isEqualTo("blueprints");
            assertThat(connection.apiServerUrl()).isEqualTo("https://ABCDEF.gr7.eu-west-2.eks.amazonaws.com");
            assertThat(connection.certificateAuthorityPem()).isEqualTo(AwsWire.CA_PEM);
            assertThat(connection.bearerToken()).isInstanceOfSatisfying(EksTokenProvider.class, tokens -> {
                assertThat(tokens.clusterName()).isEqualTo("blueprints");
                assertThat(tokens.region().id()).isEqualTo("eu-west-2");
            });
            assertThat(EksTokens.query(connection.bearerToken().get()))
                    .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20250304/eu-west-2/sts/aws4_request")
                    .containsEntry("X-Amz-Date", "20250304T050607Z");
        }
    }

    @Test
    void localClusterOnOutpostsIsIdentifiedByItsIdInTheToken() {
        aws.on(CLUSTER, Reply.eks(AwsWire.outpostCluster("blueprints", "0123abcd-4567-89ef")));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThat(lookups.clusterConnection().bearerToken()).isInstanceOfSatisfying(EksTokenProvider.class,
                    tokens -> assertThat(tokens.clusterName()).isEqualTo("0123abcd-4567-89ef"));
        }
    }

    @Test
    void toStringShowsNeitherTokenNorSecret() {
        aws.on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            EksClusterConnection connection = lookups.clusterConnection();
            String token = connection.bearerToken().get();

            assertThat(connection.toString()).contains("https://ABCDEF.gr7.eu-west-2.eks.amazonaws.com", "<redacted>")
                    .doesNotContain(token, token.substring(11, 40), FakeAws.SECRET_KEY);
            assertThat(lookups.toString()).contains("eu-west-2", "blueprints").doesNotContain(FakeAws.SECRET_KEY, FakeAws.ACCESS_KEY);
        }
    }

    @Test
    void clusterStillCreatingHasNoEndpointYet() {
        aws.on(CLUSTER, Reply.eks(AwsWire.creatingCluster("blueprints")));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("the cluster is CREATING and has no API endpoint or CA yet");
        }
    }

    @Test
    void answerWithoutTheFieldsAConnectionNeedsNamesTheMissingField() {
        aws.on(CLUSTER, Reply.eks("{}"), Reply.eks("{\"cluster\":{\"name\":\"blueprints\",\"status\":\"ACTIVE\"}}"),
                Reply.eks("{\"cluster\":{\"name\":\"blueprints\",\"endpoint\":\"https://10.0.0.10\"}}"));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("EKS DescribeCluster answered without cluster,");
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("EKS DescribeCluster answered without cluster.endpoint");
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("EKS DescribeCluster answered without cluster.certificateAuthority.data");
        }
    }

    @Test
    void caDataThatIsNotBase64IsReportedAsNotACertificate() {
        aws.on(CLUSTER, Reply.eks("{\"cluster\":{\"name\":\"blueprints\",\"status\":\"ACTIVE\","
                + "\"endpoint\":\"https://10.0.0.10\",\"certificateAuthority\":{\"data\":\"ABCDE\"}}}"));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("certificateAuthority.data is not a base64 PEM certificate");
        }
    }

    @Test
    void accessDeniedNamesEksDescribeCluster() {
        aws.on(CLUSTER, Reply.eksError(403, "AccessDeniedException", "User: arn:aws:iam::111122223333:user/dev is not authorized"));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(lookups::clusterConnection)
                    .isInstanceOfSatisfying(AwsLookupException.class, e -> assertThat(e.iamAction()).contains("eks:DescribeCluster"))
                    .hasMessageContaining("grant the IAM action eks:DescribeCluster")
                    .hasMessageNotContaining(FakeAws.SECRET_KEY);
        }
    }

    @Test
    void throttlingIsRetriedByTheSdk() {
        aws.on(CLUSTER, Reply.eksError(429, "ThrottlingException", "Rate exceeded"),
                Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThat(lookups.clusterConnection().apiServerUrl()).startsWith("https://ABCDEF");
        }
        assertThat(aws.requests(CLUSTER)).hasSize(2);
    }
}

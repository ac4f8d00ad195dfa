package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.aws.AwsWire.Zone;
import io.statefulebs.blueprint.aws.FakeAws.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AwsLookupsTest {
    private static final String ZONES = "ec2:DescribeAvailabilityZones";

    private FakeAws aws;

    @BeforeEach
    void start() throws IOException {
        aws = new FakeAws();
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void clientsPassedInAreUsedAndStayOpenAfterClose() {
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.EU_WEST_2).credentialsProvider(FakeAws.CREDENTIALS)
                .endpointOverride(aws.endpoint()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            try (AwsLookups lookups = AwsLookups.builder().ec2Client(ec2).region("eu-west-2")
                    .credentialsProvider(FakeAws.CREDENTIALS).build()) {
                assertThat(lookups.zoneSource().availableZones()).hasSize(1);
            }

            assertThat(ec2.describeAvailabilityZones().availabilityZones()).hasSize(1);
            assertThat(aws.requests(ZONES)).hasSize(2);
        }
    }

    @Test
    void emptyRegionIsRejectedWithAHint() {
        assertThatThrownBy(() -> AwsLookups.builder().region(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region is empty").hasMessageContaining("AWS_REGION");
    }

    @Test
    void settingsForCreatedClientsConflictWithClientsPassedIn() {
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.EU_WEST_2).credentialsProvider(FakeAws.CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertThatThrownBy(() -> AwsLookups.builder().ec2Client(ec2).ec2Endpoint(aws.endpoint()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("set them on the SDK clients you pass");
        }
    }

    @Test
    void clusterLookupsNeedAClusterName() {
        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("clusterName(");
            assertThat(lookups.clusterName()).isEmpty();
        }
    }

    @Test
    void noPublicTypePrintsTheSecretKeyOrTheToken() {
        aws.on("GET /clusters/blueprints", Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")))
                .on("GET /clusters/blueprints/addons/aws-ebs-csi-driver", Reply.eksError(403, "AccessDeniedException", "denied"));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            EksClusterConnection connection = lookups.clusterConnection();
            String token = connection.bearerToken().get();
            AwsLookupException denied = catchThrowableOfType(AwsLookupException.class, lookups::ebsCsiDriverStatus);
            EbsCsiDriverStatus status = new EbsCsiDriverStatus("blueprints", true, java.util.Optional.empty());

            for (Object printed : java.util.List.of(lookups, lookups.zoneSource(), connection, connection.bearerToken(),
                    status, denied)) {
                assertThat(printed.toString()).as(printed.getClass().getSimpleName())
                        .doesNotContain(FakeAws.SECRET_KEY, token, token.substring(11, 40));
            }
        }
    }
}

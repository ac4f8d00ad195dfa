package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.CloudVolumeSource;
import io.statefulebs.blueprint.spi.ZoneSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.AddonHealth;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The AWS lookups the blueprint needs: eligible zones and the EBS CSI driver's unattached volumes (EC2), a
 * kubeconfig-free connection to an EKS cluster and the EBS CSI driver check (EKS). Uses the SDK clients you pass, never closing them, or creates its own from a
 * region and credentials provider (the SDK's default chains when unset) with the standard retry strategy and the
 * URL-connection HTTP client; {@link #close()} closes only those. Thread-safe.
 *
 * <pre>{@code
 * try (var aws = AwsLookups.builder().region("eu-west-2").clusterName("blueprints").build()) {
 *     var blueprint = aws.ebsCsiDriverStatus().requireReady()
 *             .applyTo(StatefulEbsBlueprint.builder().zone(Zones.firstAvailable()).build());
 *     try (var run = blueprint.deploy(DeployOptions.builder().zoneSource(aws.zoneSource()).build())) {
 *         run.awaitReady();
 *     }
 * }
 * }</pre>
 */
public final class AwsLookups implements AutoCloseable {
    private final Ec2Client ec2;
    private final EksClient eks;
    private final boolean closeEc2;
    private final boolean closeEks;
    private final String clusterName;
    private final Clock clock;

    private AwsLookups(Ec2Client ec2, EksClient eks, boolean closeEc2, boolean closeEks, String clusterName, Clock clock) {
        this.ec2 = ec2;
        this.eks = eks;
        this.closeEc2 = closeEc2;
        this.closeEks = closeEks;
        this.clusterName = clusterName;
        this.clock = clock;
    }

    /** {@return a builder; without settings it uses the SDK's default region and credentials} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the EKS cluster the lookups are about, when one was given} */
    public Optional<String> clusterName() {
        return Optional.ofNullable(clusterName);
    }

    /**
     * Available, opted-in regular zones of the region sorted by name; with a cluster name, only those where the
     * cluster has subnets. Each call asks AWS again. Needs {@code ec2:DescribeAvailabilityZones}, and with a
     * cluster {@code eks:DescribeCluster} and {@code ec2:DescribeSubnets}.
     *
     * @return the zone source
     */
    public ZoneSource zoneSource() {
        return new Ec2ZoneSource(ec2, clusterName == null ? null : cluster());
    }

    /**
     * The EBS volumes the EBS CSI driver created that are attached to nothing, for the storage doctor's left-behind
     * volumes ({@code StatefulStorageDoctor.volumes(...)}); with a cluster name, volumes tagged for another cluster
     * ({@code kubernetes.io/cluster/<name>}) are left out. Each call asks AWS again. Needs {@code ec2:DescribeVolumes}.
     *
     * @return the volume source
     */
    public CloudVolumeSource cloudVolumeSource() {
        return new Ec2CloudVolumeSource(ec2, clusterName);
    }

    /**
     * Endpoint, CA and a self-refreshing token of the cluster, from {@code eks:DescribeCluster}. The token is
     * signed with the EKS client's credentials: when this object created that client, keep it open while the
     * connection is used.
     *
     * @return the connection
     */
    public EksClusterConnection clusterConnection() {
        EksCluster cluster = cluster();
        Cluster described = cluster.describe();
        String operation = "connect to EKS cluster " + clusterName;
        String caData = described.certificateAuthority() == null ? null : described.certificateAuthority().data();
        // Not yet (or no longer) ACTIVE explains missing fields; an ACTIVE cluster or one without a status must have them.
        if ((described.endpoint() == null || caData == null) && described.status() != null
                && described.status() != ClusterStatus.ACTIVE) {
            throw new AwsLookupException(operation, "the cluster is " + described.statusAsString()
                    + " and has no API endpoint or CA yet: wait until it is ACTIVE", null, null, null);
        }
        String endpoint = AwsCalls.required(operation, "EKS DescribeCluster", "cluster.endpoint", described.endpoint());
        String pem = pem(operation, AwsCalls.required(operation, "EKS DescribeCluster",
                "cluster.certificateAuthority.data", caData));
        // A local cluster on Outposts is identified in the token by its id, any other cluster by its name.
        String tokenClusterId = described.outpostConfig() != null && described.id() != null ? described.id() : clusterName;
        EksTokenProvider token = EksTokenProvider.builder()
                .clusterName(tokenClusterId)
                .region(cluster.region())
                .credentialsProvider(eks.serviceClientConfiguration().credentialsProvider())
                .clock(clock)
                .build();
        return new EksClusterConnection(clusterName, endpoint, pem, token);
    }

    private static String pem(String operation, String base64) {
        try {
            String pem = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
            if (pem.contains("-----BEGIN CERTIFICATE-----")) {
                return pem;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below, like any other data that is not a certificate
        }
        throw new AwsLookupException(operation, "the cluster's certificateAuthority.data is not a base64 PEM"
                + " certificate", null, null, null);
    }

    /**
     * Whether the cluster can provision EBS volumes: EKS Auto Mode block storage ({@code eks:DescribeCluster}),
     * else the {@value EbsCsiDriverStatus#ADDON_NAME} add-on's state ({@code eks:DescribeAddon}).
     *
     * @return the driver's status
     */
    public EbsCsiDriverStatus ebsCsiDriverStatus() {
        Cluster described = cluster().describe();
        // Auto Mode's compute, block storage and load balancing are switched on together; storage is what counts here.
        boolean autoMode = described.storageConfig() != null && described.storageConfig().blockStorage() != null
                && Boolean.TRUE.equals(described.storageConfig().blockStorage().enabled());
        if (autoMode) {
            return new EbsCsiDriverStatus(clusterName, true, Optional.empty());
        }
        try {
            String operation = "describe the " + EbsCsiDriverStatus.ADDON_NAME + " add-on of EKS cluster " + clusterName;
            Addon addon = AwsCalls.required(operation, "EKS DescribeAddon", "addon", AwsCalls.call(operation,
                    "eks:DescribeAddon", "the add-on is not installed",
                    () -> eks.describeAddon(r -> r.clusterName(clusterName).addonName(EbsCsiDriverStatus.ADDON_NAME)).addon()));
            return new EbsCsiDriverStatus(clusterName, false, Optional.of(new EbsCsiDriverStatus.Addon(
                    AwsCalls.required(operation, "EKS DescribeAddon", "addon.status", addon.statusAsString()),
                    addon.addonVersion(), issues(addon.health()))));
        } catch (NotFoundException notInstalled) {
            return new EbsCsiDriverStatus(clusterName, false, Optional.empty());
        }
    }

    private static List<String> issues(AddonHealth health) {
        return health == null ? List.of()
                : health.issues().stream().map(i -> Stream.of(i.codeAsString(), i.message()).filter(Objects::nonNull)
                        .collect(Collectors.joining(": "))).toList();
    }

    private EksCluster cluster() {
        if (clusterName == null) {
            throw new IllegalStateException("no EKS cluster named: build with clusterName(\"...\")");
        }
        return new EksCluster(eks, clusterName);
    }

    /** Closes the SDK clients this object created; clients passed in stay open. */
    @Override
    public void close() {
        if (closeEc2) {
            ec2.close();
        }
        if (closeEks) {
            eks.close();
        }
    }

    @Override
    public String toString() {
        return "AwsLookups[region=" + eks.serviceClientConfiguration().region()
                + (clusterName == null ? "" : ", cluster=" + clusterName) + "]";
    }

    /**
     * Either pass SDK clients, or let {@link #build()} create them from {@link #region(String)},
     * {@link #credentialsProvider(AwsCredentialsProvider)} and the endpoint overrides; unset parts follow the
     * SDK's default chains ({@code AWS_REGION}, {@code AWS_PROFILE}, ~/.aws, instance roles).
     */
    public static final class Builder {
        private Ec2Client ec2;
        private EksClient eks;
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI ec2Endpoint;
        private URI eksEndpoint;
        private String clusterName;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Used as is and never closed by this library.
         *
         * @param client the EC2 client
         * @return this builder
         */
        public Builder ec2Client(Ec2Client client) {
            this.ec2 = client;
            return this;
        }

        /**
         * Used as is and never closed by this library; its credentials also sign the EKS token.
         *
         * @param client the EKS client
         * @return this builder
         */
        public Builder eksClient(EksClient client) {
            this.eks = client;
            return this;
        }

        /**
         * The region of the clients this creates, e.g. {@code eu-west-2}.
         *
         * @param region the region's name
         * @return this builder
         */
        public Builder region(String region) {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("region is empty: pass a region such as \"eu-west-2\", or leave it"
                        + " unset to use AWS_REGION or the profile's region");
            }
            return region(Region.of(region.strip()));
        }

        /**
         * The region of the clients this creates.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /**
         * The credentials of the clients this creates.
         *
         * @param provider the credentials provider
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentials = provider;
            return this;
        }

        /**
         * An EC2 endpoint (VPC endpoint, FIPS, a test server) for the client this creates.
         *
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder ec2Endpoint(URI endpoint) {
            this.ec2Endpoint = endpoint;
            return this;
        }

        /**
         * An EKS endpoint for the client this creates. The token still names the regional STS endpoint.
         *
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder eksEndpoint(URI endpoint) {
            this.eksEndpoint = endpoint;
            return this;
        }

        /**
         * The EKS cluster: limits zones to its subnets, and is needed for the connection and the driver check.
         *
         * @param clusterName the cluster's name; blank for none
         * @return this builder
         */
        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName == null || clusterName.isBlank() ? null : clusterName.strip();
            return this;
        }

        /**
         * When EKS tokens are signed and refreshed.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the lookups, creating the clients that were not given.
         *
         * @return the lookups
         * @throws AwsLookupException when a client must be created and no region can be found
         */
        public AwsLookups build() {
            if ((ec2 != null && ec2Endpoint != null) || (eks != null && eksEndpoint != null)
                    || (ec2 != null && eks != null && (region != null || credentials != null))) {
                throw new IllegalStateException("region, credentialsProvider and endpoints configure the clients"
                        + " AwsLookups creates: set them on the SDK clients you pass instead");
            }
            Ec2Client ec2Client = ec2 != null ? ec2 : create(Ec2Client.builder(), ec2Endpoint);
            try {
                EksClient eksClient = eks != null ? eks : create(EksClient.builder(), eksEndpoint);
                return new AwsLookups(ec2Client, eksClient, ec2 == null, eks == null, clusterName, clock);
            } catch (RuntimeException e) {
                if (ec2 == null) {
                    ec2Client.close();
                }
                throw e;
            }
        }

        private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C create(B builder, URI endpoint) {
            if (region != null) {
                builder.region(region);
            }
            if (credentials != null) {
                builder.credentialsProvider(credentials);
            }
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            try {
                return builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                        .build();
            } catch (SdkClientException e) {
                throw new AwsLookupException("create AWS clients", AwsCalls.describe(e), null, null, e);
            }
        }
    }
}

package io.statefulebs.blueprint.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The bearer token EKS accepts, without the AWS CLI: a SigV4-presigned STS GetCallerIdentity URL that names the
 * cluster in the signed {@code x-k8s-aws-id} header, as {@code k8s-aws-v1.<base64url>}. Nothing is sent to STS
 * here; the cluster does that to learn who signed. A token is reused until {@link #REFRESH_AFTER}, then signed
 * again with freshly resolved credentials. Thread-safe. The token never appears in {@link #toString()}.
 */
public final class EksTokenProvider implements Supplier<String> {
    /** The prefix of every EKS token. */
    public static final String TOKEN_PREFIX = "k8s-aws-v1.";
    /** What the AWS CLI and aws-iam-authenticator use; EKS itself accepts a token for 15 minutes after signing. */
    public static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);
    /** Well inside the 15-minute lifetime, so a token handed out just before a refresh still has minutes left. */
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(10);
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";

    private final String clusterName;
    private final Region region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private String token;
    private Instant signedAt;

    private EksTokenProvider(Builder b) {
        clusterName = requireText(b.clusterName, "clusterName");
        region = Objects.requireNonNull(b.region, "region");
        credentials = Objects.requireNonNull(b.credentials, "credentialsProvider");
        clock = Objects.requireNonNull(b.clock, "clock");
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the cluster the tokens name} */
    public String clusterName() {
        return clusterName;
    }

    /** {@return the region of the STS endpoint the tokens are signed for} */
    public Region region() {
        return region;
    }

    /** The current token, signed anew when none was made yet or the last one is {@link #REFRESH_AFTER} old. */
    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || now.isBefore(signedAt) || !now.isBefore(signedAt.plus(REFRESH_AFTER))) {
            token = sign(now);
            signedAt = now;
        }
        return token;
    }

    private String sign(Instant now) {
        SdkHttpRequest getCallerIdentity = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(stsHost())
                .encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        AwsCredentialsIdentity identity = resolveCredentials();
        String url = signer.sign(r -> r.identity(identity)
                        .request(getCallerIdentity)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, clock.getZone())))
                .request().getUri().toString();
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private String stsHost() {
        RegionMetadata metadata = region.metadata();
        return "sts." + region.id() + "." + (metadata == null ? "amazonaws.com" : metadata.domain());
    }

    private AwsCredentialsIdentity resolveCredentials() {
        try {
            return credentials.resolveIdentity().join();
        } catch (CompletionException | SdkClientException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof SdkClientException sdk ? AwsCalls.describe(sdk)
                    : "could not resolve AWS credentials: " + cause.getMessage();
            throw new AwsLookupException("sign an EKS token for cluster " + clusterName, message, null, null, cause);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "EksTokenProvider[cluster=" + clusterName + ", region=" + region + ", token=<redacted>]";
    }

    /** Cluster, region and credentials are required; the clock defaults to the system clock. */
    public static final class Builder {
        private String clusterName;
        private Region region;
        private IdentityProvider<? extends AwsCredentialsIdentity> credentials;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The cluster the tokens name.
         *
         * @param clusterName the cluster's name
         * @return this builder
         */
        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        /**
         * The region of the STS endpoint the tokens are signed for.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /**
         * Asked again at every refresh, so rotating credentials (roles, SSO) keep working.
         *
         * @param provider the credentials provider
         * @return this builder
         */
        public Builder credentialsProvider(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
            this.credentials = provider;
            return this;
        }

        /**
         * When tokens are signed and refreshed; a fixed or virtual clock in tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the provider; the cluster name, region and credentials are required.
         *
         * @return the provider
         */
        public EksTokenProvider build() {
            return new EksTokenProvider(this);
        }
    }
}

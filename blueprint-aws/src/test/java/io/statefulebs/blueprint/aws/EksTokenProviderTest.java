package io.statefulebs.blueprint.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class EksTokenProviderTest {
    private static final Instant SIGNED_AT = Instant.parse("2025-03-04T05:06:07Z");

    private final MutableClock clock = new MutableClock(SIGNED_AT);

    private EksTokenProvider provider(Region region, AwsCredentialsProvider credentials) {
        return EksTokenProvider.builder().clusterName("blueprints").region(region).credentialsProvider(credentials)
                .clock(clock).build();
    }

    @Test
    void tokenIsAPresignedStsGetCallerIdentityUrlThatSignsTheClusterHeader() {
        String token = provider(Region.EU_WEST_2, FakeAws.CREDENTIALS).get();

        assertThat(EksTokens.url(token)).satisfies(url -> {
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).isEqualTo("sts.eu-west-2.amazonaws.com");
            assertThat(url.getPath()).isEqualTo("/");
        });
        Map<String, String> query = EksTokens.query(token);
        assertThat(query).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Date", "20250304T050607Z")
                .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20250304/eu-west-2/sts/aws4_request")
                .containsKey("X-Amz-Signature");
        assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
    }

    @Test
    void sessionCredentialsCarryTheirSessionToken() {
        AwsCredentialsProvider session = () -> AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token");

        assertThat(EksTokens.query(provider(Region.EU_WEST_2, session).get()))
                .containsEntry("X-Amz-Security-Token", "session-token");
    }

    @Test
    void chinaRegionsUseTheirOwnStsDomain() {
        assertThat(EksTokens.url(provider(Region.CN_NORTH_1, FakeAws.CREDENTIALS).get()).getHost())
                .isEqualTo("sts.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void tokenIsReusedUntilTenMinutesThenSignedAgainWithFreshCredentials() {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider rotating = () -> AwsBasicCredentials.create("AKID" + resolved.incrementAndGet(), "secret");
        EksTokenProvider tokens = provider(Region.EU_WEST_2, rotating);

        String first = tokens.get();
        clock.advance(EksTokenProvider.REFRESH_AFTER.minusSeconds(1));
        assertThat(tokens.get()).isSameAs(first);
        assertThat(resolved).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        String second = tokens.get();
        assertThat(second).isNotEqualTo(first);
        assertThat(EksTokens.query(second))
                .containsEntry("X-Amz-Date", "20250304T051607Z")
                .containsEntry("X-Amz-Credential", "AKID2/20250304/eu-west-2/sts/aws4_request");
        assertThat(tokens.get()).isSameAs(second);
    }

    @Test
    void concurrentCallersShareOneToken() throws Exception {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider counting = () -> {
            resolved.incrementAndGet();
            return AwsBasicCredentials.create("AKIDEXAMPLE", "secret");
        };
        EksTokenProvider tokens = provider(Region.EU_WEST_2, counting);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = IntStream.range(0, 64).mapToObj(i -> (Callable<String>) tokens::get).toList();
            Set<String> seen = pool.invokeAll(calls).stream().map(EksTokenProviderTest::join).collect(Collectors.toSet());
            assertThat(seen).hasSize(1);
            assertThat(resolved).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringNeverShowsTheTokenOrTheSecret() {
        EksTokenProvider tokens = provider(Region.EU_WEST_2, FakeAws.CREDENTIALS);
        String token = tokens.get();

        assertThat(tokens.toString()).contains("blueprints", "eu-west-2", "<redacted>")
                .doesNotContain(token, token.substring(11, 40), FakeAws.SECRET_KEY);
    }

    private static String join(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package io.statefulebs.blueprint.aws;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * moto, an AWS emulator maintained outside this repo, in server mode for the moto tier ({@code *MotoIT}, run by
 * failsafe in {@code mvn verify}). {@link Tier} installs the hash-pinned {@value #REQUIREMENTS} with
 * {@code pip --require-hashes} into a virtual environment in {@code ~/.cache/statefulebs/moto-<version>}
 * ({@code STATEFULEBS_CACHE} moves it; reused while that file is unchanged), starts {@code moto_server} on a free
 * loopback port once per test run and stops it when the run ends. Tests are skipped, saying why, only when
 * python3 is missing or PyPI cannot be reached; any other setup failure fails them.
 */
final class MotoServer implements AutoCloseable {
    /** Relative to the module, the working directory of the test JVM. */
    static final String REQUIREMENTS = "../tools/moto/requirements.txt";
    private static final Path SERVER_LOG = Path.of("target", "moto-server.log");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern MOTO_PIN = Pattern.compile("(?m)^moto==(\\S+)");
    /** What pip logs when it cannot reach the index (DNS, routing, proxy, timeouts), as opposed to a bad pin or hash. */
    private static final Pattern NO_NETWORK = Pattern.compile("NewConnectionError|Failed to establish a new connection"
            + "|Temporary failure in name resolution|Name or service not known|Network is unreachable"
            + "|ConnectTimeoutError|Read timed out|ProxyError");
    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);

    private final Process process;
    private final URI endpoint;
    private final Ec2Client ec2;
    private final EksClient eks;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.ec2 = client(Ec2Client.builder(), endpoint);
        this.eks = client(EksClient.builder(), endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    /** Lookups with their own SDK clients pointed at moto, as a user would build them. */
    AwsLookups.Builder lookups() {
        return FakeAws.lookups(endpoint);
    }

    /** For setting up state (VPCs, subnets, clusters) and reading moto's raw answers. */
    Ec2Client ec2() {
        return ec2;
    }

    EksClient eks() {
        return eks;
    }

    @Override
    public void close() {
        ec2.close();
        eks.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.region(Region.of(FakeAws.REGION)).credentialsProvider(FakeAws.CREDENTIALS).endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Why the tier cannot run on this machine: a skip, not a failure. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    static MotoServer start(Path requirements) throws Unavailable, IOException, InterruptedException {
        Path venv = install(requirements);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.createDirectories(SERVER_LOG.getParent());
        Process process = new ProcessBuilder(venv.resolve("bin/moto_server").toString(), "-H", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(SERVER_LOG.toFile()).start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            awaitUp(process, endpoint);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        return new MotoServer(process, endpoint);
    }

    private static void awaitUp(Process process, URI endpoint) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ": " + tail(SERVER_LOG));
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // retried below
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + START_TIMEOUT
                        + ": " + tail(SERVER_LOG));
            }
            Thread.sleep(100);
        }
    }

    /**
     * The virtual environment with the pinned moto, made if absent or made from other pins. A file lock keeps
     * concurrent builds on one machine from making it at once.
     */
    private static Path install(Path requirements) throws Unavailable, IOException, InterruptedException {
        String pins = Files.readString(requirements);
        Matcher moto = MOTO_PIN.matcher(pins);
        if (!moto.find()) {
            throw new IllegalStateException(requirements + " pins no moto==<version>");
        }
        String cache = System.getenv().getOrDefault("STATEFULEBS_CACHE", System.getProperty("user.home") + "/.cache/statefulebs");
        Path venv = Path.of(cache, "moto-" + moto.group(1));
        Path stamp = venv.resolve("requirements.sha256");
        Path log = Path.of(cache, "moto-" + moto.group(1) + ".install.log");
        String digest = sha256(pins);
        Files.createDirectories(venv.getParent());
        try (FileChannel lock = FileChannel.open(Path.of(cache, "moto-" + moto.group(1) + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock.lock(); // released when the channel closes
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(digest)) {
                return venv;
            }
            LOG.info("moto tier: installing moto {} into {} (pip log: {})", moto.group(1), venv, log);
            delete(venv);
            Files.deleteIfExists(log);
            int venvExit;
            try {
                venvExit = run(log, "python3", "-m", "venv", venv.toString());
            } catch (IOException noPython) {
                throw new Unavailable("python3 is not on the PATH (" + noPython.getMessage() + "): install Python 3 to"
                        + " run the AWS lookups against moto");
            }
            if (venvExit != 0) {
                throw new IllegalStateException("python3 -m venv failed (on Debian/Ubuntu install python3-venv): " + tail(log));
            }
            int pip = run(log, venv.resolve("bin/python").toString(), "-m", "pip", "install", "--require-hashes",
                    "--disable-pip-version-check", "--no-input", "--retries", "2", "--timeout", "30",
                    "-r", requirements.toAbsolutePath().toString());
            if (pip != 0) {
                delete(venv);
                String output = Files.readString(log);
                if (NO_NETWORK.matcher(output).find()) {
                    throw new Unavailable("PyPI cannot be reached, so moto " + moto.group(1) + " could not be installed"
                            + " (pip log: " + log + ")");
                }
                throw new IllegalStateException("pip install -r " + requirements + " failed: " + tail(log));
            }
            Files.writeString(stamp, digest);
            return venv;
        }
    }

    /** Runs a command to its end, appending its output to {@code log}; its exit code. */
    private static int run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over " + INSTALL_TIMEOUT + ": " + tail(log));
        }
        return process.exitValue();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code @ExtendWith(MotoServer.Tier.class)}: one moto server for every class of the run, handed to
     * {@code @BeforeEach} and test methods that take a {@link MotoServer}. Each test is skipped with the reason when
     * the tier cannot run here, so reports count them as skipped.
     */
    static final class Tier implements BeforeEachCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServer.class);

        private record Skipped(String reason) {
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            Object server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(MotoServer.class, key -> {
                try {
                    return start(Path.of(REQUIREMENTS));
                } catch (Unavailable e) {
                    LOG.warn("moto tier skipped: {}", e.getMessage());
                    return new Skipped(e.getMessage());
                } catch (IOException e) {
                    throw new IllegalStateException("could not start moto: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting moto", e);
                }
            });
            assumeTrue(server instanceof MotoServer, () -> "moto tier skipped: " + ((Skipped) server).reason());
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == MotoServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).get(MotoServer.class, MotoServer.class);
        }
    }
}

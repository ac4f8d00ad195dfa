package io.statefulebs.blueprint.spec;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.error.InvalidSpecException;
import io.statefulebs.blueprint.error.SpecProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every validation rule with a value it accepts and one it rejects, naming the field. */
class SpecValidationTest {
    private static StatefulEbsBlueprint.Builder valid() {
        return StatefulEbsBlueprint.builder().zone("eu-west-2a");
    }

    private static Arguments change(String field, String value, UnaryOperator<StatefulEbsBlueprint.Builder> change) {
        return arguments(field, value, change);
    }

    public static Stream<Arguments> invalid() {
        String long64 = "a".repeat(64);
        return Stream.of(
                change("namespace", "Default", b -> b.namespace("Default")),
                change("namespace", "team_a", b -> b.namespace("team_a")),
                change("namespace", long64, b -> b.namespace(long64)),
                change("zone", "eu-west-2", b -> b.zone("eu-west-2")),
                change("zone", "EU-WEST-2A", b -> b.zone("EU-WEST-2A")),
                change("storage.storageClassName", "Storage_GP3", b -> b.storage(s -> s.storageClassName("Storage_GP3"))),
                change("storage.claimName", "-claim", b -> b.storage(s -> s.claimName("-claim"))),
                change("storage.provisioner", "EBS", b -> b.storage(s -> s.provisioner("EBS"))),
                change("storage.topologyKey", "bad key/", b -> b.storage(s -> s.topologyKey("bad key/"))),
                change("storage.size", "4Gx", b -> b.storage(s -> s.size("4Gx"))),
                change("storage.size", "-1Gi", b -> b.storage(s -> s.size("-1Gi"))),
                change("storage.size", "0", b -> b.storage(s -> s.size("0"))),
                change("storage.size", "20Ti", b -> b.storage(s -> s.size("20Ti"))),
                change("storage.size", "4Gi", b -> b.storage(s -> s.volumeType(VolumeType.ST1))),
                change("storage.size", "2Gi", b -> b.storage(s -> s.volumeType(VolumeType.IO1).iops(100).size("2Gi"))),
                change("storage.iops", "2999", b -> b.storage(s -> s.iops(2999))),
                change("storage.iops", "16001", b -> b.storage(s -> s.iops(16001).size("100Gi"))),
                change("storage.iops", "4000", b -> b.storage(s -> s.iops(4000))),
                change("storage.iops", "3000", b -> b.storage(s -> s.volumeType(VolumeType.GP2).iops(3000))),
                change("storage.iops", "null", b -> b.storage(s -> s.volumeType(VolumeType.IO1).size("10Gi"))),
                change("storage.iops", "510", b -> b.storage(s -> s.volumeType(VolumeType.IO1).size("10Gi").iops(510))),
                change("storage.iops", "50", b -> b.storage(s -> s.volumeType(VolumeType.IO2).size("10Gi").iops(50))),
                change("storage.iops", "300000", b -> b.storage(s -> s.volumeType(VolumeType.IO2).size("1Ti").iops(300000))),
                change("storage.throughputMiBps", "100", b -> b.storage(s -> s.throughputMiBps(100))),
                change("storage.throughputMiBps", "1001", b -> b.storage(s -> s.throughputMiBps(1001).iops(16000).size("64Gi"))),
                change("storage.throughputMiBps", "800", b -> b.storage(s -> s.throughputMiBps(800))),
                change("storage.throughputMiBps", "250", b -> b.storage(s -> s.volumeType(VolumeType.GP2).throughputMiBps(250))),
                change("storage.kmsKeyId", "alias/ebs", b -> b.storage(s -> s.kmsKeyId("alias/ebs"))),
                change("workload.name", "Stateful", b -> b.workload(w -> w.name("Stateful"))),
                change("workload.name", "s".repeat(53), b -> b.workload(w -> w.name("s".repeat(53)).kind(WorkloadKind.STATEFULSET))),
                change("workload.replicas", "-1", b -> b.replicas(-1)),
                change("workload.replicas", "101", b -> b.replicas(101)),
                change("workload.image", "", b -> b.workload(w -> w.image(""))),
                change("workload.image", "centos 7", b -> b.workload(w -> w.image("centos 7"))),
                change("workload.image", "CentOS:7", b -> b.workload(w -> w.image("CentOS:7"))),
                change("workload.image", "centos:", b -> b.workload(w -> w.image("centos:"))),
                change("workload.image", ":latest", b -> b.workload(w -> w.image(":latest"))),
                change("workload.image", "centos::7", b -> b.workload(w -> w.image("centos::7"))),
                change("workload.image", "centos@sha256:abc123", b -> b.workload(w -> w.image("centos@sha256:abc123"))),
                change("workload.image", "centos\u00077", b -> b.workload(w -> w.image("centos\u00077"))),
                change("storage.size", "4", b -> b.storage(s -> s.size("4"))),
                change("workload.message", "hi; rm -rf /", b -> b.workload(w -> w.message("hi; rm -rf /"))),
                change("workload.message", "$(id)", b -> b.workload(w -> w.message("$(id)"))),
                change("workload.writeInterval", "PT0S", b -> b.workload(w -> w.writeInterval(Duration.ZERO))),
                change("workload.writeInterval", "PT0.5S", b -> b.workload(w -> w.writeInterval(Duration.ofMillis(500)))),
                change("workload.writeInterval", "PT25H", b -> b.workload(w -> w.writeInterval(Duration.ofHours(25)))),
                change("workload.mountPath", "data", b -> b.workload(w -> w.mountPath("data"))),
                change("workload.mountPath", "/", b -> b.workload(w -> w.mountPath("/"))),
                change("workload.mountPath", "/data/../etc", b -> b.workload(w -> w.mountPath("/data/../etc"))),
                change("workload.fileName", "logs/out.txt", b -> b.workload(w -> w.fileName("logs/out.txt"))),
                change("workload.fileName", "..", b -> b.workload(w -> w.fileName(".."))),
                change("workload.cpuRequest", "0", b -> b.workload(w -> w.cpuRequest("0"))),
                change("workload.cpuRequest", "1x", b -> b.workload(w -> w.cpuRequest("1x"))),
                change("workload.nodeSelector key", "bad key", b -> b.workload(w -> w.nodeSelector(Map.of("bad key", "x")))),
                change("workload.nodeSelector[intent]", "apps!", b -> b.workload(w -> w.nodeSelector(Map.of("intent", "apps!")))),
                change("workload.terminationGracePeriodSeconds", "-1", b -> b.workload(w -> w.terminationGracePeriodSeconds(-1))),
                change("labels", "app", b -> b.label("app", "x")),
                change("labels", "app.kubernetes.io/managed-by", b -> b.label("app.kubernetes.io/managed-by", "me")),
                change("labels[team]", "v".repeat(64), b -> b.label("team", "v".repeat(64))),
                change("runId", "Run_1", b -> b.runId("Run_1")));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @MethodSource("invalid")
    void rejectsAndNamesTheField(String field, String value, UnaryOperator<StatefulEbsBlueprint.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.problems()).extracting(SpecProblem::field).contains(field);
                    SpecProblem problem = e.problems().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow();
                    assertThat(problem.value()).isEqualTo(value);
                    assertThat(problem.fix()).isNotBlank();
                    assertThat(e.getMessage()).contains(field).contains("nothing was created");
                });
    }

    static Stream<Arguments> acceptable() {
        return Stream.of(
                change("namespace", "n".repeat(63), b -> b.namespace("n".repeat(63))),
                change("zone", "us-gov-west-1a", b -> b.zone("us-gov-west-1a")),
                change("zone", "us-east-1-bos-1a", b -> b.zone("us-east-1-bos-1a")),
                change("zone", "first available", b -> b.zone(Zones.firstAvailable())),
                change("storage.size", "4096Mi", b -> b.storage(s -> s.size("4096Mi"))),
                change("workload.image", "public.ecr.aws/docker/library/busybox:1.36",
                        b -> b.workload(w -> w.image("public.ecr.aws/docker/library/busybox:1.36"))),
                change("workload.image", "localhost:5000/team/writer@sha256:" + "a".repeat(64),
                        b -> b.workload(w -> w.image("localhost:5000/team/writer@sha256:" + "a".repeat(64)))),
                change("workload.image", "centos:7", b -> b.workload(w -> w.image("centos:7"))),
                change("storage.size", "1.5Gi", b -> b.storage(s -> s.size("1.5Gi"))),
                change("storage.size", "16Ti", b -> b.storage(s -> s.size("16Ti"))),
                change("storage.size", "125Gi st1", b -> b.storage(s -> s.volumeType(VolumeType.ST1).size("125Gi"))),
                change("storage.size", "16Ti sc1", b -> b.storage(s -> s.volumeType(VolumeType.SC1).size("16Ti"))),
                change("storage.iops", "3000 on 4Gi", b -> b.storage(s -> s.iops(3000))),
                change("storage.iops", "16000 on 32Gi", b -> b.storage(s -> s.iops(16000).size("32Gi"))),
                change("storage.iops", "io1 500 on 10Gi", b -> b.storage(s -> s.volumeType(VolumeType.IO1).size("10Gi").iops(500))),
                change("storage.iops", "io2 100000 on 100Gi", b -> b.storage(s -> s.volumeType(VolumeType.IO2).size("100Gi").iops(100000))),
                change("storage.throughputMiBps", "125", b -> b.storage(s -> s.throughputMiBps(125))),
                change("storage.throughputMiBps", "750", b -> b.storage(s -> s.throughputMiBps(750))),
                change("storage.throughputMiBps", "1000", b -> b.storage(s -> s.throughputMiBps(1000).iops(4000).size("8Gi"))),
                change("storage.kmsKeyId", "encrypted", b -> b.storage(s -> s.encrypted(true).kmsKeyId("alias/ebs"))),
                change("storage.accessMode", "ReadWriteOncePod", b -> b.storage(s -> s.accessMode(AccessMode.READ_WRITE_ONCE_POD))),
                change("workload.name", "s".repeat(52), b -> b.workload(w -> w.name("s".repeat(52)).kind(WorkloadKind.STATEFULSET))),
                change("workload.replicas", "0", b -> b.replicas(0)),
                change("workload.replicas", "100", b -> b.replicas(100)),
                change("workload.message", "Hello, EBS: line", b -> b.workload(w -> w.message("Hello, EBS: line"))),
                change("workload.writeInterval", "PT1S", b -> b.workload(w -> w.writeInterval(Duration.ofSeconds(1)))),
                change("workload.mountPath", "/var/lib/data", b -> b.workload(w -> w.mountPath("/var/lib/data"))),
                change("workload.fileName", "out.log", b -> b.workload(w -> w.fileName("out.log"))),
                change("workload.cpuRequest", "500m", b -> b.workload(w -> w.cpuRequest("500m"))),
                change("workload.nodeSelector", "{}", b -> b.workload(w -> w.nodeSelector(Map.of()))),
                change("workload.restrictedSecurity", "true", b -> b.workload(w -> w.restrictedSecurity(true))),
                change("labels", "team=platform", b -> b.label("team", "platform").label("example.com/owner", "")),
                change("runId", "nightly-42", b -> b.runId("nightly-42")));
    }

    @ParameterizedTest(name = "{0}={1} is accepted")
    @MethodSource("acceptable")
    void accepts(String field, String value, UnaryOperator<StatefulEbsBlueprint.Builder> change) {
        StatefulEbsBlueprint spec = change.apply(valid()).build();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> valid().namespace("Bad").replicas(-1).storage(s -> s.size("4Gx").iops(1)).build())
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::field)
                        .contains("namespace", "workload.replicas", "storage.size", "storage.iops"));
    }

    @Test
    void defaultsAreTheBlueprintsValues() {
        StatefulEbsBlueprint spec = valid().build();

        assertThat(spec.namespace()).isEqualTo("default");
        assertThat(spec.storage().storageClassName()).isEqualTo("storage-gp3");
        assertThat(spec.storage().provisioner()).isEqualTo("ebs.csi.aws.com");
        assertThat(spec.storage().topologyKey()).isEqualTo("topology.ebs.csi.aws.com/zone");
        assertThat(spec.storage().volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(spec.storage().claimName()).isEqualTo("ebs-claim");
        assertThat(spec.storage().size()).isEqualTo("4Gi");
        assertThat(spec.storage().accessMode()).isEqualTo(AccessMode.READ_WRITE_ONCE);
        assertThat(spec.workload().name()).isEqualTo("stateful");
        assertThat(spec.workload().kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(spec.workload().replicas()).isEqualTo(3);
        assertThat(spec.workload().image()).isEqualTo("public.ecr.aws/docker/library/centos:centos7.9.2009");
        assertThat(spec.workload().writeInterval()).isEqualTo(Duration.ofSeconds(180));
        assertThat(spec.workload().filePath()).isEqualTo("/data/out.txt");
        assertThat(spec.workload().cpuRequest()).isEqualTo("1");
        assertThat(spec.workload().nodeSelector()).containsExactly(Map.entry("intent", "apps"));
        assertThat(spec.workload().terminationGracePeriodSeconds()).isZero();
        assertThat(spec.workload().restrictedSecurity()).isFalse();
        assertThat(spec.runId()).matches("run-[a-z0-9]{8}");
    }

    @Test
    void aZoneSelectorMustBeResolvedBeforeRendering() {
        StatefulEbsBlueprint spec = StatefulEbsBlueprint.builder().zone(Zones.firstAvailable()).build();

        assertThatThrownBy(spec::render).isInstanceOf(InvalidSpecException.class).hasMessageContaining("zone");
        assertThat(spec.withZone("eu-west-2c").render().toYaml()).contains("eu-west-2c");
    }

    @Test
    void quantitiesParseLikeTheApiServer() {
        assertThat(Quantity.parse("4Gi").orElseThrow().gibibytesRoundedUp()).isEqualTo(4);
        assertThat(Quantity.parse("4G").orElseThrow().gibibytesRoundedUp()).isEqualTo(4);
        assertThat(Quantity.parse("500m").orElseThrow().millis()).isEqualTo(500);
        assertThat(Quantity.parse("1.5").orElseThrow().millis()).isEqualTo(1500);
        assertThat(Quantity.parse("1e3").orElseThrow().millis()).isEqualTo(1_000_000);
        assertThat(Quantity.parse("4Gx")).isEmpty();
        assertThat(Quantity.parse("-1Gi")).isEmpty();
        assertThat(Quantity.parse("Gi")).isEmpty();
    }
}

// The blueprint's walkthrough in a dozen lines, on the embedded simulated cluster (virtual time).
// Run: jshell --class-path blueprint-examples/target/stateful-ebs-walkthrough.jar blueprint-examples/src/main/jshell/walkthrough.jsh
import io.statefulebs.blueprint.*;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import java.time.Duration;

var cluster = SimulatedCluster.builder().seed(42).build();
var run = StatefulEbsBlueprint.builder().zone(Zones.firstAvailable()).replicas(3).backend(cluster).deploy();
run.awaitReady(Duration.ofMinutes(5));
System.out.println("zone: " + run.zone() + ", claim " + run.claim().name() + " " + run.claim().phase() + " " + run.claim().capacity());
run.nodes().forEach(n -> System.out.println("node: " + n.name() + " " + n.zone() + " " + n.instanceType() + " " + n.capacityType()));
run.readFile().lines().forEach(System.out::println);
cluster.advance(Duration.ofMinutes(3));
var failover = run.failover();
System.out.println("failover: " + failover.deletedPod() + " -> " + failover.replacementPod() + ", content preserved: " + failover.preserved() + ", lines: " + failover.after().lines().size());
run.scale(0).awaitNodesReleased();
System.out.println("nodes after scale to 0: " + run.nodes().size());
run.scale(3).awaitReady();
System.out.println("zone after scale to 3: " + run.verifyZone().zone());
System.out.println("cleanup clean: " + run.cleanup().clean());
/exit

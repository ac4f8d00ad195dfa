// Explore the blueprint interactively: render it, deploy it on the simulated cluster, look around.
// Run: jshell --class-path blueprint-examples/target/stateful-ebs-walkthrough.jar blueprint-examples/src/main/jshell/explore.jsh
// Then try: run.pods(), run.events(), run.failover(), cluster.advance(Duration.ofMinutes(3)), run.readFile(), run.close()
import io.statefulebs.blueprint.*;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.*;
import java.time.Duration;

var blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a").replicas(3).build();
System.out.println(blueprint.render().toYaml());

var cluster = new SimulatedCluster();
var run = blueprint.deploy(cluster);
run.awaitReady();
System.out.println("nodes: " + run.nodes());
System.out.println("claim: " + run.claim());
System.out.println("file:  " + run.readFile().lines());
System.out.println("Deployed " + run + ". Explore run and cluster; /exit when done (run.close() cleans up first).");

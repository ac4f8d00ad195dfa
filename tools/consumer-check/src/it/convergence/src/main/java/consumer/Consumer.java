package consumer;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.aws.AwsLookups;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;

/** Uses one public type of each module, so the consumer compiles against all three. */
public final class Consumer {
    public static void main(String[] args) {
        System.out.println(StatefulEbsBlueprint.builder().zone("eu-west-2a").build().render().toYaml());
        System.out.println(Fabric8Backend.builder() + " " + AwsLookups.builder());
    }
}

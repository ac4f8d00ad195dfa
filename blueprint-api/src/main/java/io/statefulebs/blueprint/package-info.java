/**
 * The blueprint "Working with Stateful Workloads using EBS" as a Java API: build a validated spec with
 * {@link io.statefulebs.blueprint.StatefulEbsBlueprint#builder()}, deploy it, and drive each step of the walkthrough
 * through the returned {@link io.statefulebs.blueprint.BlueprintRun}, which deletes what it created when closed.
 */
package io.statefulebs.blueprint;

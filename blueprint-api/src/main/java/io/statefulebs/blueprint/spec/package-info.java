/**
 * The parts of a blueprint spec: {@link io.statefulebs.blueprint.spec.StorageSpec} (StorageClass and claim) and
 * {@link io.statefulebs.blueprint.spec.WorkloadSpec} (the writer pods), immutable and validated on build, with the
 * blueprint's values as defaults.
 */
package io.statefulebs.blueprint.spec;

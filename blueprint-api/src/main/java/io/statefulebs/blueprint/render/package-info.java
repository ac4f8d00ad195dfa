/**
 * Rendering a validated spec into the manifests the blueprint applies (StorageClass, claim, workload), with the
 * ownership labels that tie every object to its run.
 */
package io.statefulebs.blueprint.render;

/**
 * The backend for real clusters, on the fabric8 Kubernetes client:
 * {@link io.statefulebs.blueprint.fabric8.Fabric8Backend}, registered with ServiceLoader by
 * {@link io.statefulebs.blueprint.fabric8.Fabric8BackendProvider}.
 */
package io.statefulebs.blueprint.fabric8;

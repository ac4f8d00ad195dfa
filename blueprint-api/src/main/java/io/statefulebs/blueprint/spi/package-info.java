/**
 * The service provider interface for cluster backends: {@link io.statefulebs.blueprint.spi.ClusterBackend} is the core
 * every backend offers, {@link io.statefulebs.blueprint.spi.BackendProvider} registers one with ServiceLoader, and
 * waits are data ({@link io.statefulebs.blueprint.spi.Wait}) run by {@link io.statefulebs.blueprint.spi.Waiter}.
 */
package io.statefulebs.blueprint.spi;

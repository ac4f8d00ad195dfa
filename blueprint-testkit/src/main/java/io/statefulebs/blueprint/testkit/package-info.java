/**
 * Test support: {@link io.statefulebs.blueprint.testkit.ClusterBackendContract}, the checks every backend must pass,
 * and {@link io.statefulebs.blueprint.testkit.SimulatedClusterTest}, a JUnit 5 extension that runs tests on a fresh
 * simulated cluster and fails those that leave objects behind.
 */
package io.statefulebs.blueprint.testkit;

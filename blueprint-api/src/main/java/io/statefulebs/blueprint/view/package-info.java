/**
 * Read-only, typed views of cluster objects as {@code kubectl} shows them (nodes, pods, claims, events), and the
 * reports a run returns (zone check, failover, cleanup, Multi-Attach diagnoses, preflight findings).
 */
package io.statefulebs.blueprint.view;

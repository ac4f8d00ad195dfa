/**
 * The stateful storage doctor: reads a cluster's {@link io.statefulebs.blueprint.inventory.Inventory} (read-only) and
 * explains what is wrong with the stateful workloads on it, as {@link io.statefulebs.blueprint.view.Finding}s sorted
 * worst first. Entry point: {@link io.statefulebs.blueprint.doctor.StatefulStorageDoctor}. Each kind of finding is one
 * small rule class; {@link io.statefulebs.blueprint.doctor.DoctorChecks} names them.
 */
package io.statefulebs.blueprint.doctor;

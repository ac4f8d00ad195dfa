/**
 * Progress of a run: a {@link io.statefulebs.blueprint.progress.ProgressListener} hears a
 * {@link io.statefulebs.blueprint.progress.StepEvent} when each step starts and ends.
 */
package io.statefulebs.blueprint.progress;

/**
 * The exceptions the library throws, all unchecked and rooted at
 * {@link io.statefulebs.blueprint.error.BlueprintException}: an invalid spec, a failed preflight or ownership check,
 * a wait that failed or timed out, a backend call that failed. Messages name what went wrong and how to fix it.
 */
package io.statefulebs.blueprint.error;

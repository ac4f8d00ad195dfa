package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.error.BackendException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** API errors injected on chosen calls: the next calls of a verb (on a matching target) fail as a 500 would. */
final class ApiFaults {
    private static final class Fault {
        final ApiVerb verb;
        final String target;
        int remaining;

        Fault(ApiVerb verb, String target, int remaining) {
            this.verb = verb;
            this.target = target;
            this.remaining = remaining;
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    void failNext(ApiVerb verb, String targetContains, int times) {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(targetContains, "target");
        if (times < 0) {
            throw new IllegalArgumentException("times must be 0 or more, got " + times);
        }
        if (times > 0) {
            faults.add(new Fault(verb, targetContains, times));
        }
    }

    void check(ApiVerb verb, Object target) {
        Iterator<Fault> it = faults.iterator();
        while (it.hasNext()) {
            Fault fault = it.next();
            if (fault.verb == verb && String.valueOf(target).contains(fault.target)) {
                if (--fault.remaining <= 0) {
                    it.remove();
                }
                throw new BackendException(verb.name().toLowerCase() + " " + target, BackendException.Kind.SERVER_ERROR, 500,
                        "the API server answered 500 Internal Server Error (injected fault)", null);
            }
        }
    }
}

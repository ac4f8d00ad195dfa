package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.error.BackendException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** API errors injected on chosen calls: the next calls of a verb (on a matching target) fail as a 500 would. */
final class ApiFaults {
    private static final class Fault {
        final String verb;
        final String target;
        int remaining;

        Fault(String verb, String target, int remaining) {
            this.verb = verb;
            this.target = target;
            this.remaining = remaining;
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    void failNext(String verb, String targetContains, int times) {
        faults.add(new Fault(verb, targetContains, times));
    }

    void check(String verb, Object target) {
        Iterator<Fault> it = faults.iterator();
        while (it.hasNext()) {
            Fault fault = it.next();
            if (fault.verb.equals(verb) && String.valueOf(target).contains(fault.target)) {
                if (--fault.remaining <= 0) {
                    it.remove();
                }
                throw new BackendException(verb + " " + target, "the API server answered 500 Internal Server Error (injected fault)");
            }
        }
    }
}

package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.error.BackendException;

import java.util.HashMap;
import java.util.Map;

/** API errors injected on chosen calls: the next {@code n} calls of a verb fail as a 500 from the API server would. */
final class ApiFaults {
    private final Map<String, Integer> remaining = new HashMap<>();

    void failNext(String verb, int times) {
        remaining.merge(verb, times, Integer::sum);
    }

    void check(String verb, Object target) {
        Integer left = remaining.get(verb);
        if (left != null && left > 0) {
            remaining.put(verb, left - 1);
            throw new BackendException(verb + " " + target, "the API server answered 500 Internal Server Error (injected fault)");
        }
    }
}

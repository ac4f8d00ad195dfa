package io.statefulebs.blueprint.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object to apply: its reference and its full body as plain JSON data (what {@code kubectl apply -f}
 * would send). The body is copied in and out, so a manifest cannot be changed after it is made.
 */
public final class Manifest {
    private final ResourceRef ref;
    private final ObjectNode body;

    /**
     * A manifest of a copy of {@code body}.
     *
     * @param ref the object the manifest describes
     * @param body the object's full body
     */
    public Manifest(ResourceRef ref, ObjectNode body) {
        this.ref = ref;
        this.body = body.deepCopy();
    }

    /** {@return the object the manifest describes} */
    public ResourceRef ref() {
        return ref;
    }

    /** {@return a copy of the object's body} */
    public ObjectNode body() {
        return body.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && ref.equals(m.ref) && body.equals(m.body);
    }

    @Override
    public int hashCode() {
        return ref.hashCode() * 31 + body.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + ref + "]";
    }
}

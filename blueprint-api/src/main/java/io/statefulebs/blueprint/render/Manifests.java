package io.statefulebs.blueprint.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.statefulebs.blueprint.spi.Manifest;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The rendered objects of a blueprint, in apply order; {@link #toYaml()} gives what {@code kubectl apply -f} takes. */
public record Manifests(List<Manifest> items) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    /**
     * Copies the list.
     *
     * @param items the objects, in apply order
     */
    public Manifests {
        items = List.copyOf(items);
    }

    /**
     * The first object of a kind.
     *
     * @param kind the kind, e.g. {@code StorageClass}
     * @return the manifest, or empty when there is none
     */
    public Optional<Manifest> find(String kind) {
        return items.stream().filter(m -> m.ref().kind().equals(kind)).findFirst();
    }

    /**
     * Multi-document YAML, one document per object, separated by {@code ---}.
     *
     * @return the YAML
     */
    public String toYaml() {
        StringBuilder out = new StringBuilder();
        for (Manifest m : items) {
            if (out.length() > 0) {
                out.append("---\n");
            }
            try {
                out.append(YAML.writeValueAsString(m.body()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}

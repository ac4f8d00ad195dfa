package io.statefulebs.blueprint.architecture;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two packages of blueprint-api depend on each other, directly or through others. Reads the compiled classes:
 * every class name in a class file's constant pool (references, descriptors, generic signatures) is a dependency.
 */
class PackageCyclesTest {
    private static final Pattern OWN_CLASS = Pattern.compile("io/statefulebs/blueprint/[A-Za-z0-9_/$]+");

    @Test
    void packagesFormNoCycle() throws Exception {
        Map<String, Set<String>> graph = packageGraph(classesRoot());

        assertThat(graph).as("packages found").containsKeys("io.statefulebs.blueprint", "io.statefulebs.blueprint.spi",
                "io.statefulebs.blueprint.sim");
        assertThat(cycles(graph)).as("package cycles (each a set of packages that depend on each other)").isEmpty();
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(cycles(graph)).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
    }

    /** The packages that depend on one another: strongly connected components of more than one package. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<Set<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static Path classesRoot() throws Exception {
        return Path.of(StatefulEbsBlueprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Map<String, Set<String>> packageGraph(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String own = packageOf(root.relativize(file).toString().replace('\\', '/'));
                Set<String> uses = graph.computeIfAbsent(own, p -> new TreeSet<>());
                for (String name : referencedClasses(file)) {
                    String other = packageOf(name);
                    if (!other.equals(own)) {
                        uses.add(other);
                    }
                }
            }
        }
        return graph;
    }

    private static String packageOf(String internalName) {
        return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
    }

    /** Every io/statefulebs/blueprint class name in the class file's UTF-8 constants. */
    private static Set<String> referencedClasses(Path classFile) throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            data.readUnsignedShort(); // major
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        Matcher m = OWN_CLASS.matcher(data.readUTF());
                        while (m.find()) {
                            names.add(m.group());
                        }
                    }
                    case 7, 8, 16, 19, 20 -> data.skipBytes(2);
                    case 15 -> data.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
                    case 5, 6 -> {
                        data.skipBytes(8);
                        i++; // long and double take two slots
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
        }
        return names;
    }
}

package consumer;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java snippets compile in a consumer's project, against the artifacts as published (the BOM and its
 * versions), not only inside the build (blueprint-examples' ReadmeSnippetsTest). README.md is read as it is now.
 */
class ReadmeSnippetsCompileTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import io.statefulebs.blueprint.*;
            import io.statefulebs.blueprint.aws.*;
            import io.statefulebs.blueprint.fabric8.*;
            import io.statefulebs.blueprint.sim.*;
            import io.statefulebs.blueprint.spec.*;
            import io.statefulebs.blueprint.view.*;
            import io.statefulebs.blueprint.error.*;
            import io.statefulebs.blueprint.testkit.*;
            import io.statefulebs.blueprint.doctor.*;
            import org.junit.jupiter.api.Test;
            import java.net.URI;
            import java.time.Duration;
            import java.util.Map;
            """;

    @Test
    void everyJavaSnippetOfTheReadmeCompiles() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("readme")));
        List<String> bodies = JAVA_BLOCK.matcher(readme).results().map(m -> m.group(1).lines()
                .filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"))).toList();
        List<JavaFileObject> sources = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String code = IMPORTS + "class Snippet" + i + " {\n    static void snippet(io.fabric8.kubernetes.client.KubernetesClient"
                    + " kubernetesClient) throws Exception {\n" + bodies.get(i) + "\n    }\n}\n";
            sources.add(new SimpleJavaFileObject(URI.create("string:///Snippet" + i + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            });
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("readme-snippets");

        boolean compiled = ToolProvider.getSystemJavaCompiler().getTask(null, null, diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
                null, sources).call();

        assertTrue(bodies.size() >= 4, "README.md has " + bodies.size() + " java blocks");
        assertTrue(compiled, () -> diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                .collect(Collectors.joining("\n")));
    }
}

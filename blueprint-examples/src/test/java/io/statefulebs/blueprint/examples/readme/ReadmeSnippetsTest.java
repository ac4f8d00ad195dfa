package io.statefulebs.blueprint.examples.readme;

import io.statefulebs.blueprint.examples.cli.WalkthroughCommand;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README says what the code does: every Java snippet compiles against the library as it is (they need a cluster
 * or AWS to run, so they are compiled, not run), and the quick start's sample output is what the walkthrough prints.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import io.statefulebs.blueprint.*;
            import io.statefulebs.blueprint.aws.*;
            import io.statefulebs.blueprint.doctor.*;
            import io.statefulebs.blueprint.fabric8.*;
            import io.statefulebs.blueprint.sim.*;
            import io.statefulebs.blueprint.spec.*;
            import io.statefulebs.blueprint.view.*;
            import io.statefulebs.blueprint.error.*;
            import io.statefulebs.blueprint.testkit.*;
            import org.junit.jupiter.api.Test;
            import java.net.URI;
            import java.time.Duration;
            import java.util.Map;
            """;

    @Test
    void everyJavaSnippetCompiles() throws IOException {
        List<String> snippets = snippets(Files.readString(readme()));
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(4);

        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            sources.add(source("Snippet" + i, snippets.get(i)));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("readme-snippets");
        boolean compiled = compiler.getTask(null, null, diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
                null, sources).call();

        assertThat(compiled).as(diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                .collect(Collectors.joining("\n"))).isTrue();
    }

    @Test
    void theQuickStartOutputIsWhatTheWalkthroughPrints() throws IOException {
        String readme = Files.readString(readme());
        String marker = "it prints (only the `ms wall` figures vary from run to run):\n\n```\n";
        int start = readme.indexOf(marker);
        assertThat(start).as("the README's sample output").isPositive();
        String sample = readme.substring(start + marker.length(), readme.indexOf("```", start + marker.length()));
        String[] parts = sample.split("\n\\.\\.\\.\n");
        assertThat(parts).hasSize(2);

        StringWriter out = new StringWriter();
        // No environment: the sample is the simulated cluster's, whatever kubeconfig this machine has.
        int exit = WalkthroughCommand.commandLine(Map.of()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute();

        assertThat(exit).isZero();
        String printed = withoutWallTimes(out.toString());
        assertThat(printed).startsWith(withoutWallTimes(parts[0]));
        assertThat(printed).endsWith(withoutWallTimes(parts[1]));
    }

    @Test
    void theDoctorSampleIsWhatTheDoctorPrints() throws IOException {
        String readme = Files.readString(readme());
        String marker = "left behind) and\nprints:\n\n```\n";
        int start = readme.indexOf(marker);
        assertThat(start).as("the README's doctor sample").isPositive();
        String sample = readme.substring(start + marker.length(), readme.indexOf("```", start + marker.length()));

        StringWriter out = new StringWriter();
        int exit = WalkthroughCommand.commandLine(Map.of()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("doctor", "--simulated", "--rehearse");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(sample);
    }

    private static String withoutWallTimes(String text) {
        return text.replaceAll("\\d+ ms wall", "N ms wall");
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }

    /** The README's java blocks; a block with a statement at its top level becomes a method body. */
    private static List<String> snippets(String readme) {
        List<String> snippets = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            snippets.add(m.group(1).lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n")));
        }
        return snippets;
    }

    private static JavaFileObject source(String name, String body) {
        String code = IMPORTS + "class " + name + " {\n"
                + "    static void snippet(io.fabric8.kubernetes.client.KubernetesClient kubernetesClient) throws Exception {\n"
                + body + "\n    }\n}\n";
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}

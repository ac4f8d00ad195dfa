package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Several kubeconfig files merged as kubectl merges the files KUBECONFIG lists: the first file to name a cluster,
 * user or context wins it, the first current-context wins, and a relative file path (certificate, key, token file)
 * resolves against the directory of the file it came from.
 */
final class KubeconfigFiles {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private KubeconfigFiles() {
    }

    /**
     * The files merged.
     *
     * @return the merged kubeconfig, as YAML
     * @throws RuntimeException when a file cannot be read or parsed (the message may quote the file: never show it)
     */
    static String merged(List<Path> files) {
        Config merged = new Config();
        merged.setClusters(new ArrayList<>());
        merged.setUsers(new ArrayList<>());
        merged.setContexts(new ArrayList<>());
        for (Path file : files) {
            Config one = read(file);
            Path dir = file.toAbsolutePath().getParent();
            if (isEmpty(merged.getCurrentContext())) {
                merged.setCurrentContext(one.getCurrentContext());
            }
            addNew(merged.getClusters(), one.getClusters(), NamedCluster::getName, c -> resolve(c.getCluster(), dir));
            addNew(merged.getUsers(), one.getUsers(), NamedAuthInfo::getName, u -> resolve(u.getUser(), dir));
            addNew(merged.getContexts(), one.getContexts(), NamedContext::getName, c -> { });
        }
        return YAML.asYaml(merged);
    }

    private static Config read(Path file) {
        try {
            return YAML.unmarshal(Files.readString(file), Config.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void addNew(List<T> into, List<T> from, Function<T, String> name, Consumer<T> fix) {
        if (from == null) {
            return;
        }
        Set<String> known = new HashSet<>(into.stream().map(name).toList());
        for (T entry : from) {
            if (known.add(name.apply(entry))) {
                fix.accept(entry);
                into.add(entry);
            }
        }
    }

    private static void resolve(Cluster cluster, Path dir) {
        if (cluster != null) {
            cluster.setCertificateAuthority(against(dir, cluster.getCertificateAuthority()));
        }
    }

    private static void resolve(AuthInfo user, Path dir) {
        if (user != null) {
            user.setClientCertificate(against(dir, user.getClientCertificate()));
            user.setClientKey(against(dir, user.getClientKey()));
            user.setTokenFile(against(dir, user.getTokenFile()));
        }
    }

    private static String against(Path dir, String path) {
        return isEmpty(path) || Path.of(path).isAbsolute() ? path : dir.resolve(path).toString();
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}

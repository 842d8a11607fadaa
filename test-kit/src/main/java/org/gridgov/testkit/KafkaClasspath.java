package org.gridgov.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path that holds the Kafka broker here ({@code kafka.Kafka} comes with
 * kafka-test-common-runtime), for a broker in a JVM of its own: the URLs of the loader that loaded
 * it when it has them (the one-command run, {@code exec:java} inside Maven's JVM; not its parents,
 * which are Maven's), else this JVM's class path (a test JVM; a manifest-only jar is opened).
 * Quarkus's jars are left out: the broker needs none, and quarkus-bootstrap-runner would hold back
 * every log line until a Quarkus application starts.
 */
final class KafkaClasspath {
    private KafkaClasspath() {
    }

    static String of() {
        ClassLoader loader;
        try {
            loader = Class.forName("kafka.Kafka", false, KafkaClasspath.class.getClassLoader()).getClassLoader();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Kafka broker (kafka.Kafka) is not on the class path", e);
        }
        List<Path> entries = new ArrayList<>();
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                if ("file".equals(url.getProtocol())) {
                    entries.add(path(url.toString()));
                }
            }
        }
        if (entries.isEmpty()) {
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                entries.add(Path.of(e));
            }
        }
        if (entries.size() == 1 && entries.get(0).toString().endsWith(".jar")) {
            entries.addAll(manifestClassPath(entries.get(0)));
        }
        return String.join(File.pathSeparator, entries.stream()
                .filter(p -> !p.getFileName().toString().startsWith("quarkus-")).map(Path::toString).toList());
    }

    /** The entries of a jar's {@code Class-Path}, relative to the jar. */
    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest m = file.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<Path> entries = new ArrayList<>();
            if (cp != null) {
                URI base = jar.toAbsolutePath().toUri();
                for (String e : cp.trim().split("\\s+")) {
                    entries.add(path(base.resolve(e).toString()));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path of " + jar, e);
        }
    }

    private static Path path(String url) {
        try {
            return Path.of(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(url + " is not a file", e);
        }
    }
}

package org.gridgov.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gridgov.common.contract.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization of deploy/ and checks every object: metadata, schema (Kubernetes API
 * models or CRD schema) and {@link DeployRules}.
 * <p>
 * System properties: {@code gridgov.root} (repository root, default ..), {@code gridgov.deploy}
 * (the deploy directory to check, default ROOT/deploy), {@code gridgov.crds} (default DEPLOY/crds).
 */
final class DeployCheck {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    final Path root;
    final Path deploy;
    final CrdSchemas crds;
    final List<Topics.TopicSpec> contract;

    private DeployCheck(Path root, Path deploy, Path crds) {
        this.root = root;
        this.deploy = deploy;
        this.crds = CrdSchemas.load(crds);
        this.contract = Contract.topics(root);
    }

    /** The deploy directory under test: gridgov.deploy, by default the repository's. */
    static DeployCheck fromSystemProperties() {
        Path root = root();
        return of(root, Path.of(System.getProperty("gridgov.deploy", root.resolve("deploy").toString())));
    }

    /** The repository's own deploy directory, whatever gridgov.deploy says (for the validator's self-test). */
    static DeployCheck ofRepository() {
        return of(root(), root().resolve("deploy"));
    }

    private static Path root() {
        return Path.of(System.getProperty("gridgov.root", "..")).toAbsolutePath().normalize();
    }

    private static DeployCheck of(Path root, Path deployDir) {
        Path deploy = deployDir.toAbsolutePath().normalize();
        Path crds = Path.of(System.getProperty("gridgov.crds", deploy.resolve("crds").toString())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(deploy.resolve("base/kustomization.yaml"))) {
            throw new IllegalStateException(deploy + " has no base/kustomization.yaml (set -Dgridgov.deploy)");
        }
        return new DeployCheck(root, deploy, crds);
    }

    /** deploy/base and every deploy/overlays/NAME, relative to the deploy directory. */
    List<Path> kustomizations() {
        List<Path> out = new ArrayList<>(List.of(deploy.resolve("base")));
        try (Stream<Path> overlays = Files.list(deploy.resolve("overlays"))) {
            overlays.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    boolean isOverlay(Path dir) {
        return !dir.equals(deploy.resolve("base"));
    }

    /** All problems of one kustomization: rendering, then every object, then the rules. */
    List<String> check(Path dir) {
        List<ObjectNode> objects;
        try {
            objects = Kustomize.build(dir);
        } catch (ManifestException e) {
            return List.of("cannot render: " + e.getMessage());
        }
        Map<String, String> required = isOverlay(dir) ? requiredSecrets(dir) : null;
        return check(objects, required, isOverlay(dir));
    }

    List<String> check(List<ObjectNode> objects, Map<String, String> requiredSecrets, boolean overlay) {
        List<String> errors = new ArrayList<>();
        for (ObjectNode o : objects) {
            for (String e : object(o)) {
                errors.add(Ids.describe(o) + " " + e);
            }
        }
        errors.addAll(DeployRules.check(objects, requiredSecrets, overlay, contract));
        return errors;
    }

    /** Metadata and schema of one object. */
    List<String> object(ObjectNode o) {
        List<String> errors = new ArrayList<>();
        String apiVersion = Ids.apiVersion(o);
        String kind = Ids.kind(o);
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of("needs apiVersion and kind");
        }
        errors.addAll(CoreSchemas.metadata(o));
        errors.addAll(names(o));
        if (crds.knows(apiVersion, kind)) {
            errors.addAll(crds.validate(o));
        } else if (CoreSchemas.model(apiVersion, kind) != null) {
            errors.addAll(CoreSchemas.validate(o));
        } else if (crds.knowsGroup(Ids.group(o))) {
            errors.add(": " + apiVersion + " " + kind + " is not served by the CustomResourceDefinitions in deploy/crds");
        } else {
            errors.add(": no schema for " + apiVersion + " " + kind + " (neither a known Kubernetes API nor a CRD in deploy/crds)");
        }
        return errors;
    }

    private static List<String> names(ObjectNode o) {
        List<String> errors = new ArrayList<>();
        String name = Ids.name(o);
        boolean label = Stream.of("Namespace", "Service").anyMatch(k -> k.equals(Ids.kind(o)));
        if (name.isEmpty() || name.length() > (label ? 63 : 253) || !(label ? LABEL : SUBDOMAIN).matcher(name).matches()) {
            errors.add("/metadata/name: '" + name + "' is not a valid DNS-1123 " + (label ? "label" : "subdomain"));
        }
        for (String field : List.of("labels", "annotations")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metadata").path(field).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                int slash = key.indexOf('/');
                String prefix = slash < 0 ? null : key.substring(0, slash);
                String local = slash < 0 ? key : key.substring(slash + 1);
                if ((prefix != null && (prefix.length() > 253 || !SUBDOMAIN.matcher(prefix).matches()))
                        || local.length() > 63 || !QUALIFIED_NAME.matcher(local).matches()) {
                    errors.add("/metadata/" + field + ": '" + key + "' is not a valid key");
                }
                if (!e.getValue().isTextual()) {
                    errors.add("/metadata/" + field + "/" + key + ": must be a string, not " + CrdSchemas.describe(e.getValue()));
                } else if (field.equals("labels") && (e.getValue().asText().length() > 63 || !LABEL_VALUE.matcher(e.getValue().asText()).matches())) {
                    errors.add("/metadata/labels/" + key + ": '" + e.getValue().asText() + "' is not a valid label value");
                }
            }
        }
        return errors;
    }

    /** required-secrets.txt of an overlay: name, type, keys per line; # comments. */
    static Map<String, String> requiredSecrets(Path overlay) {
        Map<String, String> out = new LinkedHashMap<>();
        Path f = overlay.resolve("required-secrets.txt");
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+");
                out.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

package org.gridgov.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize that
 * deploy/ uses, and refuses everything else, so that nothing is silently left out of the check:
 * <ul>
 * <li>{@code resources}: files (every YAML document) and directories with their own kustomization;</li>
 * <li>{@code patches}: a strategic-merge patch (a file or inline; for built-in kinds lists with a merge
 * key such as containers, env and volumes are merged by that key, other lists are replaced; for custom
 * resources it is a JSON merge patch) or an RFC 6902 JSON patch (with a {@code target}). A target
 * selects by group, version, kind, name (a regular expression), namespace and labelSelector
 * ({@code key=value,...}); a patch that selects nothing is an error;</li>
 * <li>{@code namespace}: set on every namespaced object; a Namespace object must carry that name;</li>
 * <li>{@code images}: name, newName, newTag, digest, for every container and init container.</li>
 * </ul>
 * The same order as kustomize: resources, patches, namespace, images. When kubectl is installed,
 * {@code KustomizeAgreementTest} compares this renderer with {@code kubectl kustomize}.
 */
final class Kustomize {
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass",
            "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "CSIDriver", "CSINode",
            "VolumeAttachment", "Node", "ClusterIssuer");
    /** API groups whose objects Kubernetes patches strategically (lists merged by key). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "networking.k8s.io", "policy",
            "autoscaling", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io");

    private final Deque<Path> stack = new ArrayDeque<>();

    private Kustomize() {
    }

    /** The objects of the kustomization in dir, as kubectl kustomize would print them (in another order). */
    static List<ObjectNode> build(Path dir) {
        return new Kustomize().render(dir.toAbsolutePath().normalize());
    }

    private List<ObjectNode> render(Path dir) {
        if (stack.contains(dir)) {
            throw new ManifestException(dir + ": kustomization includes itself");
        }
        stack.push(dir);
        try {
            Path file = dir.resolve("kustomization.yaml");
            if (!Files.isRegularFile(file)) {
                throw new ManifestException(dir + ": no kustomization.yaml");
            }
            List<ObjectNode> docs = Yaml.objects(file);
            if (docs.size() != 1) {
                throw new ManifestException(file + ": must hold exactly one document");
            }
            ObjectNode k = docs.get(0);
            k.fieldNames().forEachRemaining(f -> {
                if (!FIELDS.contains(f)) {
                    throw new ManifestException(file + ": field '" + f + "' is not in the kustomize subset that deploy-check renders "
                            + FIELDS + "; extend Kustomize.java (and compare with kubectl kustomize) before using it");
                }
            });
            if (!"kustomize.config.k8s.io/v1beta1".equals(k.path("apiVersion").asText())
                    || !"Kustomization".equals(k.path("kind").asText())) {
                throw new ManifestException(file + ": apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization expected");
            }
            List<ObjectNode> objects = new ArrayList<>();
            for (JsonNode r : k.path("resources")) {
                String rel = r.asText();
                if (rel.contains("://")) {
                    throw new ManifestException(file + ": remote resource " + rel + " (deploy/ must render offline)");
                }
                Path p = dir.resolve(rel).normalize();
                if (Files.isDirectory(p)) {
                    objects.addAll(render(p));
                } else if (Files.isRegularFile(p)) {
                    objects.addAll(Yaml.objects(p));
                } else {
                    throw new ManifestException(file + ": resource " + rel + " does not exist");
                }
            }
            unique(objects, file);
            int i = 0;
            for (JsonNode patch : k.path("patches")) {
                applyPatch(dir, file + " patches[" + i++ + "]", patch, objects);
            }
            if (k.hasNonNull("namespace")) {
                String ns = k.get("namespace").asText();
                for (ObjectNode o : objects) {
                    if ("Namespace".equals(Ids.kind(o))) {
                        if (!ns.equals(Ids.name(o))) {
                            throw new ManifestException(file + ": namespace " + ns + ", but it holds Namespace " + Ids.name(o));
                        }
                    } else if (!CLUSTER_SCOPED.contains(Ids.kind(o))) {
                        metadata(o).put("namespace", ns);
                    }
                }
            }
            for (JsonNode image : k.path("images")) {
                applyImage(file, image, objects);
            }
            unique(objects, file);
            return objects;
        } finally {
            stack.pop();
        }
    }

    private static ObjectNode metadata(ObjectNode o) {
        JsonNode m = o.get("metadata");
        if (m == null || !m.isObject()) {
            return o.putObject("metadata");
        }
        return (ObjectNode) m;
    }

    private static void unique(List<ObjectNode> objects, Path file) {
        Map<String, ObjectNode> seen = new HashMap<>();
        for (ObjectNode o : objects) {
            if (seen.put(Ids.key(o), o) != null) {
                throw new ManifestException(file + ": " + Ids.describe(o) + " is defined twice");
            }
        }
    }

    // ---------------------------------------------------------------- patches

    private static void applyPatch(Path dir, String entryName, JsonNode entry, List<ObjectNode> objects) {
        entry.fieldNames().forEachRemaining(f -> {
            if (!Set.of("path", "patch", "target").contains(f)) {
                throw new ManifestException(entryName + ": field '" + f + "' is not supported (path, patch, target)");
            }
        });
        String where = entryName;
        JsonNode patch;
        if (entry.has("path") == entry.has("patch")) {
            throw new ManifestException(where + ": needs exactly one of path and patch");
        } else if (entry.has("path")) {
            Path p = dir.resolve(entry.get("path").asText()).normalize();
            if (!Files.isRegularFile(p)) {
                throw new ManifestException(where + ": the patch file " + entry.get("path").asText() + " does not exist");
            }
            List<JsonNode> docs = Yaml.documents(p).stream().filter(d -> d != null && !d.isNull()).toList();
            if (docs.size() != 1) {
                throw new ManifestException(where + ": " + p + " must hold exactly one patch");
            }
            patch = docs.get(0);
            where = where + " (" + dir.relativize(p) + ")";
        } else {
            patch = Yaml.parse(entry.get("patch").asText(), where);
        }
        JsonNode target = entry.get("target");
        List<Integer> selected = new ArrayList<>();
        if (target != null) {
            for (int i = 0; i < objects.size(); i++) {
                if (selects(target, objects.get(i), where)) {
                    selected.add(i);
                }
            }
        } else if (patch.isObject()) {
            for (int i = 0; i < objects.size(); i++) {
                ObjectNode o = objects.get(i);
                if (Ids.apiVersion(o).equals(Ids.apiVersion(patch)) && Ids.kind(o).equals(Ids.kind(patch))
                        && Ids.name(o).equals(Ids.name(patch))
                        && (Ids.namespace(patch).isEmpty() || Ids.namespace(patch).equals(Ids.namespace(o)))) {
                    selected.add(i);
                }
            }
        } else {
            throw new ManifestException(where + ": a JSON patch needs a target");
        }
        if (selected.isEmpty()) {
            throw new ManifestException(where + ": selects no resource");
        }
        for (int i : selected) {
            ObjectNode o = objects.get(i).deepCopy();
            String what = where + " on " + Ids.describe(o);
            if (patch.isArray()) {
                JsonPatch.apply(o, (ArrayNode) patch, what);
            } else if (patch.isObject()) {
                ObjectNode smp = ((ObjectNode) patch).deepCopy();
                if (target != null) { // kustomize patches every target; the patch's own name does not count
                    smp.remove("metadata");
                    smp.remove("apiVersion");
                    smp.remove("kind");
                }
                merge(o, smp, "", BUILT_IN_GROUPS.contains(Ids.group(o)), what);
            } else {
                throw new ManifestException(where + ": a patch is a mapping (strategic merge) or a list (JSON patch)");
            }
            objects.set(i, o);
        }
    }

    private static boolean selects(JsonNode target, ObjectNode o, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = e.getValue().asText();
            boolean ok = switch (e.getKey()) {
                case "group" -> v.equals(Ids.group(o));
                case "version" -> v.equals(Ids.version(o));
                case "kind" -> v.equals(Ids.kind(o));
                case "name" -> Pattern.matches(v, Ids.name(o));
                case "namespace" -> Pattern.matches(v, Ids.namespace(o));
                case "labelSelector" -> labels(v, where).entrySet().stream()
                        .allMatch(l -> l.getValue().equals(o.path("metadata").path("labels").path(l.getKey()).asText(null)));
                default -> throw new ManifestException(where + ": target field '" + e.getKey() + "' is not supported");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> labels(String selector, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            String[] kv = term.trim().split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || kv[0].endsWith("!")) {
                throw new ManifestException(where + ": only key=value label selectors are supported, not '" + term + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    /**
     * Strategic merge (built-in kinds) or JSON merge patch (custom resources): mappings merge, null
     * deletes, lists are replaced, except lists with a Kubernetes merge key on built-in kinds.
     */
    static void merge(ObjectNode target, ObjectNode patch, String path, boolean builtIn, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode pv = e.getValue();
            JsonNode tv = target.get(name);
            String p = path + "/" + name;
            if (name.startsWith("$")) {
                throw new ManifestException(where + ": patch directive " + p + " is not supported");
            }
            if (pv.isNull()) {
                target.remove(name);
            } else if (pv.isObject() && tv != null && tv.isObject()) {
                merge((ObjectNode) tv, (ObjectNode) pv, p, builtIn, where);
            } else if (pv.isArray() && tv != null && tv.isArray() && builtIn && mergeKey(name, path) != null) {
                mergeList((ArrayNode) tv, (ArrayNode) pv, mergeKey(name, path), p, where);
            } else {
                target.set(name, pv.deepCopy());
            }
        }
    }

    /** The patchMergeKey of the Kubernetes API for the list fields deploy/ may patch. */
    private static String mergeKey(String field, String parentPath) {
        return switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            case "topologySpreadConstraints" -> "topologyKey";
            case "ports" -> parentPath.contains("ontainers") ? "containerPort" : "port";
            default -> null;
        };
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String key, String path, String where) {
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.has(key)) {
                throw new ManifestException(where + ": every item of " + path + " needs its merge key " + key);
            }
            ObjectNode existing = null;
            for (JsonNode t : target) {
                if (t.isObject() && item.get(key).equals(t.get(key))) {
                    existing = (ObjectNode) t;
                }
            }
            if (existing != null) {
                merge(existing, (ObjectNode) item, path + "[" + key + "=" + item.get(key).asText() + "]", true, where);
            } else {
                target.add(item.deepCopy());
            }
        }
    }

    // ---------------------------------------------------------------- images

    private static void applyImage(Path file, JsonNode image, List<ObjectNode> objects) {
        image.fieldNames().forEachRemaining(f -> {
            if (!Set.of("name", "newName", "newTag", "digest").contains(f)) {
                throw new ManifestException(file + ": images field '" + f + "' is not supported (name, newName, newTag, digest)");
            }
        });
        String name = image.path("name").asText();
        if (name.isEmpty()) {
            throw new ManifestException(file + ": an images entry needs a name");
        }
        for (ObjectNode o : objects) {
            rewriteImages(o, image);
        }
    }

    private static void rewriteImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()) {
                    for (JsonNode c : e.getValue()) {
                        if (c.isObject() && c.path("image").isTextual()) {
                            String rewritten = rewrite(c.get("image").asText(), image);
                            ((ObjectNode) c).put("image", rewritten);
                        }
                    }
                }
                rewriteImages(e.getValue(), image);
            }
        } else if (node.isArray()) {
            node.forEach(n -> rewriteImages(n, image));
        }
    }

    /** kustomize's image rewrite: match the name without tag or digest, then set name, tag or digest. */
    static String rewrite(String ref, JsonNode image) {
        String name = ref;
        String digest = null;
        String tag = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(image.path("name").asText())) {
            return ref;
        }
        if (image.hasNonNull("newName")) {
            name = image.get("newName").asText();
        }
        if (image.hasNonNull("digest")) {
            return name + "@" + image.get("digest").asText();
        }
        if (image.hasNonNull("newTag")) {
            return name + ":" + image.get("newTag").asText();
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}

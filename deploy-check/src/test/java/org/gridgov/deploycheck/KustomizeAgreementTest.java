package org.gridgov.deploycheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * deploy-check's kustomize subset renders exactly what {@code kubectl kustomize} renders, object
 * for object. Runs where kubectl is installed (it is on this project's machines); skipped elsewhere.
 */
class KustomizeAgreementTest {
    static DeployCheck check;
    static String kubectl;

    @BeforeAll
    static void load() {
        check = DeployCheck.fromSystemProperties();
        kubectl = findOnPath("kubectl");
    }

    @TestFactory
    Stream<DynamicTest> sameAsKubectlKustomize() {
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed: the comparison with kubectl kustomize is skipped");
        return check.kustomizations().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Map<String, ObjectNode> ours = byKey(Kustomize.build(dir));
            Map<String, ObjectNode> theirs = byKey(kubectlKustomize(dir));
            List<String> diffs = new ArrayList<>();
            for (String k : ours.keySet()) {
                if (!theirs.containsKey(k)) {
                    diffs.add("only deploy-check renders " + k);
                }
            }
            for (Map.Entry<String, ObjectNode> e : theirs.entrySet()) {
                ObjectNode mine = ours.get(e.getKey());
                if (mine == null) {
                    diffs.add("only kubectl renders " + e.getKey());
                } else {
                    diff(mine, e.getValue(), e.getKey(), diffs);
                }
            }
            assertTrue(diffs.isEmpty(), "deploy-check and kubectl kustomize differ for " + dir + ":\n  " + String.join("\n  ", diffs));
        }));
    }

    private static List<ObjectNode> kubectlKustomize(Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return Yaml.objects(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Map<String, ObjectNode> byKey(List<ObjectNode> objects) {
        Map<String, ObjectNode> m = new TreeMap<>();
        objects.forEach(o -> m.put(Ids.key(o), o));
        return m;
    }

    private static void diff(JsonNode a, JsonNode b, String path, List<String> diffs) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!b.has(f)) {
                    diffs.add(path + "/" + f + ": only in deploy-check's rendering");
                } else {
                    diff(a.get(f), b.get(f), path + "/" + f, diffs);
                }
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!a.has(f)) {
                    diffs.add(path + "/" + f + ": only in kubectl's rendering");
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "/" + i, diffs);
            }
        } else {
            diffs.add(path + ": deploy-check " + a + ", kubectl " + b);
        }
    }

    private static String findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, exe);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}

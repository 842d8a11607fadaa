package org.gridgov.deploycheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridgov.common.contract.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rules of deploy/README.md that a schema cannot express, checked on one rendering: probes and
 * resources of every Deployment, references between objects (Services, Ingress, ConfigMaps,
 * Secrets, databases, Kafka), the topics equal to the event contract, one database and login role
 * per service, and the replica minimums of the prod overlay.
 */
final class DeployRules {
    private static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started", "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([a-z0-9.-]+)(?::(\\d+))?/([A-Za-z0-9_]+)(\\?.*)?");

    private final List<ObjectNode> objects;
    private final Map<String, String> requiredSecrets;
    private final boolean overlay;
    private final List<String> errors = new ArrayList<>();
    private final Set<String> referencedSecrets = new HashSet<>();

    /**
     * @param requiredSecrets Secrets referenced but created outside the repository (name to type);
     *                        null for the base, where no Secret exists and none is checked
     * @param overlay         an overlay: every namespaced object must have a namespace
     */
    private DeployRules(List<ObjectNode> objects, Map<String, String> requiredSecrets, boolean overlay) {
        this.objects = objects;
        this.requiredSecrets = requiredSecrets;
        this.overlay = overlay;
    }

    static List<String> check(List<ObjectNode> objects, Map<String, String> requiredSecrets, boolean overlay,
            List<Topics.TopicSpec> contract) {
        DeployRules r = new DeployRules(objects, requiredSecrets, overlay);
        r.run(contract);
        return r.errors;
    }

    private void run(List<Topics.TopicSpec> contract) {
        for (ObjectNode o : objects) {
            if (o.has("status")) {
                error(o, "has a status; status is written by the cluster, not by manifests");
            }
            if (overlay && !"Namespace".equals(Ids.kind(o)) && Ids.namespace(o).isEmpty()) {
                error(o, "has no namespace");
            }
            switch (Ids.kind(o)) {
                case "Deployment" -> deployment(o);
                case "Service" -> service(o);
                case "Ingress" -> ingress(o);
                case "PodDisruptionBudget" -> pdb(o);
                case "Database" -> database(o);
                case "Cluster" -> cnpgCluster(o);
                case "KafkaNodePool", "KafkaTopic" -> strimziLabel(o);
                default -> {
                }
            }
        }
        kafka(contract);
        if (requiredSecrets != null) {
            for (String name : requiredSecrets.keySet()) {
                if (!referencedSecrets.contains(name)) {
                    errors.add("required-secrets.txt lists " + name + ", which nothing references");
                }
                if (find("Secret", name) != null) {
                    errors.add("required-secrets.txt lists " + name + ", but the overlay contains it");
                }
            }
        }
    }

    // ---------------------------------------------------------------- workloads

    private void deployment(ObjectNode d) {
        JsonNode spec = d.path("spec");
        JsonNode pod = spec.path("template");
        Map<String, String> podLabels = strings(pod.path("metadata").path("labels"));
        Map<String, String> selector = strings(spec.path("selector").path("matchLabels"));
        if (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
            error(d, "selector " + selector + " does not match the pod labels " + podLabels);
        }
        String app = podLabels.getOrDefault("app.kubernetes.io/name", Ids.name(d));
        Map<String, JsonNode> volumes = new HashMap<>();
        for (JsonNode v : pod.path("spec").path("volumes")) {
            volumes.put(v.path("name").asText(), v);
            if (v.has("secret")) {
                secretRef(d, v.path("secret").path("secretName").asText(), null, v.path("secret").path("optional").asBoolean(false));
            }
            if (v.has("configMap")) {
                configMapRef(d, v.path("configMap").path("name").asText(), null, v.path("configMap").path("optional").asBoolean(false));
            }
        }
        for (JsonNode c : pod.path("spec").path("containers")) {
            container(d, c, volumes);
        }
    }

    private void container(ObjectNode d, JsonNode c, Map<String, JsonNode> volumes) {
        String what = "container " + c.path("name").asText();
        String image = c.path("image").asText("");
        if (image.isEmpty() || image.endsWith(":latest") || (!image.contains(":") && !image.contains("@"))) {
            error(d, what + ": image '" + image + "' needs a fixed tag or digest");
        }
        for (String kind : List.of("requests", "limits")) {
            for (String res : List.of("cpu", "memory")) {
                if (!c.path("resources").path(kind).hasNonNull(res)) {
                    error(d, what + ": resources." + kind + "." + res + " missing");
                }
            }
        }
        Set<String> portNames = new HashSet<>();
        Set<Integer> portNumbers = new HashSet<>();
        for (JsonNode p : c.path("ports")) {
            portNames.add(p.path("name").asText(""));
            portNumbers.add(p.path("containerPort").asInt());
        }
        PROBES.forEach((probe, path) -> {
            JsonNode get = c.path(probe).path("httpGet");
            if (!path.equals(get.path("path").asText(null))) {
                error(d, what + ": " + probe + " must be an httpGet of " + path + " (SmallRye Health)");
            } else {
                JsonNode port = get.path("port");
                if (!(port.isTextual() ? portNames.contains(port.asText()) : portNumbers.contains(port.asInt()))) {
                    error(d, what + ": " + probe + " port " + port + " is not a port of the container");
                }
            }
        });
        for (JsonNode m : c.path("volumeMounts")) {
            if (!volumes.containsKey(m.path("name").asText())) {
                error(d, what + ": mounts the undefined volume " + m.path("name").asText());
            }
        }
        Map<String, String> env = environment(d, c);
        if (isGridgovService(d)) {
            gridgovService(d, what, env, portNumbers);
        }
    }

    /** The container's environment as the kubelet builds it: envFrom in order, then env. Values from Secrets are null. */
    private Map<String, String> environment(ObjectNode d, JsonNode c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : c.path("envFrom")) {
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                configMapRef(d, name, null, from.path("configMapRef").path("optional").asBoolean(false));
                ObjectNode cm = find("ConfigMap", name);
                if (cm != null) {
                    env.putAll(strings(cm.path("data")));
                }
            }
            if (from.has("secretRef")) {
                secretRef(d, from.path("secretRef").path("name").asText(), null, from.path("secretRef").path("optional").asBoolean(false));
            }
        }
        for (JsonNode e : c.path("env")) {
            String name = e.path("name").asText();
            JsonNode ref = e.path("valueFrom");
            if (ref.has("secretKeyRef")) {
                JsonNode r = ref.get("secretKeyRef");
                secretRef(d, r.path("name").asText(), r.path("key").asText(), r.path("optional").asBoolean(false));
                env.put(name, null);
            } else if (ref.has("configMapKeyRef")) {
                JsonNode r = ref.get("configMapKeyRef");
                configMapRef(d, r.path("name").asText(), r.path("key").asText(), r.path("optional").asBoolean(false));
                ObjectNode cm = find("ConfigMap", r.path("name").asText());
                env.put(name, cm == null ? null : cm.path("data").path(r.path("key").asText()).asText(null));
            } else {
                env.put(name, e.path("value").asText(""));
            }
        }
        return env;
    }

    private boolean isGridgovService(ObjectNode d) {
        // the console (component frontend) has no database and no Kafka: it forwards to the services
        return "gridgov".equals(d.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                && !"frontend".equals(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText());
    }

    /** How a gridgov service must be wired: port, Kafka, topics, its own database and role. */
    private void gridgovService(ObjectNode d, String what, Map<String, String> env, Set<Integer> ports) {
        String httpPort = env.get("QUARKUS_HTTP_PORT");
        if (httpPort == null || !httpPort.matches("\\d+") || !ports.contains(Integer.parseInt(httpPort))) {
            error(d, what + ": QUARKUS_HTTP_PORT=" + httpPort + " is not a container port");
        }
        if (!objectsOf("KafkaTopic").isEmpty() && !"false".equals(env.get("GRIDGOV_MESSAGING_CREATE_TOPICS"))) {
            error(d, what + ": GRIDGOV_MESSAGING_CREATE_TOPICS must be false where Strimzi KafkaTopics own the topics");
        }
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        Set<String> bootstraps = new HashSet<>();
        for (ObjectNode k : objectsOf("Kafka")) {
            for (JsonNode l : k.path("spec").path("kafka").path("listeners")) {
                if (!l.path("tls").asBoolean(false) && "internal".equals(l.path("type").asText())) {
                    bootstraps.add(Ids.name(k) + "-kafka-bootstrap:" + l.path("port").asInt());
                }
            }
        }
        if (!objectsOf("Kafka").isEmpty() && !bootstraps.contains(bootstrap)) {
            error(d, what + ": KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " is not a plain internal listener of a Kafka here " + bootstraps);
        }
        String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        Matcher m = url == null ? null : JDBC.matcher(url);
        if (m == null || !m.matches()) {
            error(d, what + ": QUARKUS_DATASOURCE_JDBC_URL=" + url + " is not jdbc:postgresql://<host>:<port>/<database>");
            return;
        }
        if (!env.containsKey("QUARKUS_DATASOURCE_USERNAME") || !env.containsKey("QUARKUS_DATASOURCE_PASSWORD")
                || env.get("QUARKUS_DATASOURCE_USERNAME") != null || env.get("QUARKUS_DATASOURCE_PASSWORD") != null) {
            error(d, what + ": QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD must come from a Secret");
        }
        String host = m.group(1);
        String dbName = m.group(3);
        ObjectNode cluster = null;
        for (ObjectNode c : objectsOf("Cluster")) {
            if (host.equals(Ids.name(c) + "-rw")) {
                cluster = c;
            }
        }
        if (cluster == null) {
            error(d, what + ": the database host " + host + " is not the -rw Service of a CloudNativePG Cluster here");
            return;
        }
        if (m.group(2) != null && !"5432".equals(m.group(2))) {
            error(d, what + ": CloudNativePG listens on 5432, not " + m.group(2));
        }
        ObjectNode db = null;
        for (ObjectNode x : objectsOf("Database")) {
            if (dbName.equals(x.path("spec").path("name").asText()) && Ids.name(cluster).equals(x.path("spec").path("cluster").path("name").asText())) {
                db = x;
            }
        }
        if (db == null) {
            error(d, what + ": no Database resource creates the database " + dbName + " in " + Ids.name(cluster));
            return;
        }
        String owner = db.path("spec").path("owner").asText();
        String userSecret = secretOf(d, "QUARKUS_DATASOURCE_USERNAME");
        JsonNode role = role(cluster, owner);
        if (role != null && userSecret != null && !userSecret.equals(role.path("passwordSecret").path("name").asText())) {
            error(d, what + ": logs in with the Secret " + userSecret + ", but the owner role " + owner + " of database " + dbName
                    + " has the password Secret " + role.path("passwordSecret").path("name").asText());
        }
    }

    private String secretOf(ObjectNode d, String envName) {
        for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode e : c.path("env")) {
                if (envName.equals(e.path("name").asText()) && e.path("valueFrom").has("secretKeyRef")) {
                    return e.path("valueFrom").path("secretKeyRef").path("name").asText();
                }
            }
        }
        return null;
    }

    private void service(ObjectNode s) {
        Map<String, String> selector = strings(s.path("spec").path("selector"));
        List<ObjectNode> pods = new ArrayList<>();
        for (ObjectNode d : objectsOf("Deployment")) {
            if (strings(d.path("spec").path("template").path("metadata").path("labels")).entrySet().containsAll(selector.entrySet())) {
                pods.add(d);
            }
        }
        if (selector.isEmpty() || pods.isEmpty()) {
            error(s, "selector " + selector + " matches no Deployment's pods");
            return;
        }
        for (JsonNode p : s.path("spec").path("ports")) {
            JsonNode target = p.has("targetPort") ? p.get("targetPort") : p.get("port");
            for (ObjectNode d : pods) {
                boolean found = false;
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    for (JsonNode cp : c.path("ports")) {
                        found |= target.isTextual() ? target.asText().equals(cp.path("name").asText()) : target.asInt() == cp.path("containerPort").asInt();
                    }
                }
                if (!found) {
                    error(s, "targetPort " + target + " is not a port of " + Ids.describe(d));
                }
            }
        }
    }

    private void ingress(ObjectNode i) {
        Set<String> hosts = new HashSet<>();
        for (JsonNode rule : i.path("spec").path("rules")) {
            if (!hosts.add(rule.path("host").asText(""))) {
                error(i, "host " + rule.path("host").asText("") + " has two rules");
            }
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode svc = path.path("backend").path("service");
                ObjectNode s = find("Service", svc.path("name").asText());
                if (s == null) {
                    error(i, "backend Service " + svc.path("name").asText() + " does not exist");
                    continue;
                }
                JsonNode port = svc.path("port");
                boolean found = false;
                for (JsonNode sp : s.path("spec").path("ports")) {
                    found |= port.has("name") ? port.get("name").asText().equals(sp.path("name").asText()) : port.path("number").asInt() == sp.path("port").asInt();
                }
                if (!found) {
                    error(i, "backend port " + port + " is not a port of Service " + Ids.name(s));
                }
            }
        }
        for (JsonNode tls : i.path("spec").path("tls")) {
            secretRef(i, tls.path("secretName").asText(), null, false);
            for (JsonNode h : tls.path("hosts")) {
                if (!hosts.contains(h.asText())) {
                    error(i, "TLS host " + h.asText() + " has no rule");
                }
            }
        }
    }

    private void pdb(ObjectNode p) {
        Map<String, String> selector = strings(p.path("spec").path("selector").path("matchLabels"));
        boolean matched = false;
        for (ObjectNode d : objectsOf("Deployment")) {
            if (strings(d.path("spec").path("template").path("metadata").path("labels")).entrySet().containsAll(selector.entrySet())) {
                matched = true;
                int replicas = d.path("spec").path("replicas").asInt(1);
                JsonNode min = p.path("spec").path("minAvailable");
                if (min.isInt() && min.asInt() >= replicas) {
                    error(p, "minAvailable " + min.asInt() + " with " + replicas + " replicas of " + Ids.name(d) + " blocks every node drain");
                }
            }
        }
        if (selector.isEmpty() || !matched) {
            error(p, "selector " + selector + " matches no Deployment's pods");
        }
    }

    // ---------------------------------------------------------------- CloudNativePG

    private void cnpgCluster(ObjectNode c) {
        Set<String> names = new HashSet<>();
        for (JsonNode role : c.path("spec").path("managed").path("roles")) {
            String name = role.path("name").asText();
            if (!names.add(name)) {
                error(c, "role " + name + " is declared twice");
            }
            String secret = role.path("passwordSecret").path("name").asText(null);
            if (secret == null) {
                continue;
            }
            secretRef(c, secret, "password", false);
            ObjectNode s = find("Secret", secret);
            if (s != null) {
                if (!"kubernetes.io/basic-auth".equals(s.path("type").asText())) {
                    error(c, "the password Secret " + secret + " of role " + name + " must be of type kubernetes.io/basic-auth");
                }
                String user = secretValue(s, "username");
                if (!name.equals(user)) {
                    error(c, "the password Secret " + secret + " of role " + name + " has the username " + user);
                }
            }
        }
    }

    private void database(ObjectNode db) {
        String clusterName = db.path("spec").path("cluster").path("name").asText();
        ObjectNode cluster = find("Cluster", clusterName);
        if (cluster == null) {
            error(db, "the Cluster " + clusterName + " does not exist");
            return;
        }
        String owner = db.path("spec").path("owner").asText();
        JsonNode role = role(cluster, owner);
        if (role == null || !role.path("login").asBoolean(false) || "absent".equals(role.path("ensure").asText())) {
            error(db, "the owner " + owner + " is not a login role managed by Cluster " + clusterName);
        }
        for (ObjectNode other : objectsOf("Database")) {
            if (other != db && Objects.equals(other.path("spec").path("name").asText(), db.path("spec").path("name").asText())
                    && clusterName.equals(other.path("spec").path("cluster").path("name").asText())) {
                error(db, "the database " + db.path("spec").path("name").asText() + " is declared twice");
            }
        }
    }

    private static JsonNode role(ObjectNode cluster, String name) {
        for (JsonNode r : cluster.path("spec").path("managed").path("roles")) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- Strimzi

    private void strimziLabel(ObjectNode o) {
        String cluster = o.path("metadata").path("labels").path("strimzi.io/cluster").asText(null);
        if (cluster == null || find("Kafka", cluster) == null) {
            error(o, "label strimzi.io/cluster=" + cluster + " names no Kafka here");
        }
    }

    private void kafka(List<Topics.TopicSpec> contract) {
        List<ObjectNode> kafkas = objectsOf("Kafka");
        if (kafkas.isEmpty()) {
            return;
        }
        for (ObjectNode k : kafkas) {
            int brokers = 0;
            int controllers = 0;
            for (ObjectNode pool : objectsOf("KafkaNodePool")) {
                if (!Ids.name(k).equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                    continue;
                }
                Set<String> roles = new HashSet<>();
                pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
                int n = pool.path("spec").path("replicas").asInt();
                brokers += roles.contains("broker") ? n : 0;
                controllers += roles.contains("controller") ? n : 0;
            }
            if (brokers == 0 || controllers == 0) {
                error(k, "KRaft needs node pools with the broker and the controller role (brokers " + brokers + ", controllers " + controllers + ")");
                continue;
            }
            if (controllers % 2 == 0) {
                error(k, controllers + " KRaft controllers: use an odd number, a quorum of an even number tolerates no more failures");
            }
            JsonNode config = k.path("spec").path("kafka").path("config");
            if (config.path("auto.create.topics.enable").asBoolean(true)) {
                error(k, "auto.create.topics.enable must be false: the KafkaTopic resources own the topics");
            }
            int minIsr = config.path("min.insync.replicas").asInt(1);
            for (String f : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
                if (config.path(f).asInt(1) > brokers) {
                    error(k, f + "=" + config.path(f).asInt() + " but only " + brokers + " brokers");
                }
            }
            for (ObjectNode t : objectsOf("KafkaTopic")) {
                int replicas = t.path("spec").path("replicas").asInt(config.path("default.replication.factor").asInt(1));
                if (replicas > brokers) {
                    error(t, "replicas " + replicas + " but only " + brokers + " brokers");
                }
                int isr = t.path("spec").path("config").path("min.insync.replicas").asInt(minIsr);
                if (isr > replicas) {
                    error(t, "min.insync.replicas " + isr + " > replicas " + replicas + ": producers with acks=all could never write");
                }
                if (brokers >= 3 && replicas < 3) {
                    error(t, "replicas " + replicas + " with " + brokers + " brokers: the loss of one broker loses data or availability");
                }
            }
        }
        Map<String, ObjectNode> topics = new TreeMap<>();
        for (ObjectNode t : objectsOf("KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(Ids.name(t)), t);
        }
        for (Topics.TopicSpec spec : contract) {
            ObjectNode t = topics.remove(spec.name());
            if (t == null) {
                errors.add("the contract topic " + spec.name() + " has no KafkaTopic (partitions " + spec.partitions() + ", " + spec.config() + ")");
                continue;
            }
            if (t.path("spec").path("partitions").asInt() != spec.partitions()) {
                error(t, "partitions " + t.path("spec").path("partitions") + ", the contract says " + spec.partitions());
            }
            JsonNode config = t.path("spec").path("config");
            spec.config().forEach((key, value) -> {
                if (!value.equals(config.path(key).asText(null))) {
                    error(t, key + " is " + config.path(key).asText(null) + ", the contract says " + value);
                }
            });
            if (!config.has("cleanup.policy")) {
                error(t, "cleanup.policy must be explicit");
            }
        }
        topics.values().forEach(t -> error(t, "is neither a topic of the contract (Topics.ALL) nor the dead-letter topic of a consumer in the code"));
    }

    // ---------------------------------------------------------------- references

    /** the keys of the Secret the User Operator makes for a SCRAM-SHA-512 KafkaUser */
    private static final List<String> KAFKA_USER_SECRET_KEYS = List.of("password", "sasl.jaas.config");

    private void secretRef(ObjectNode from, String name, String key, boolean optional) {
        referencedSecrets.add(name);
        ObjectNode s = find("Secret", name);
        if (s == null && find("KafkaUser", name) != null) {
            // Strimzi's User Operator makes this Secret for the KafkaUser of the same name
            if (key != null && !KAFKA_USER_SECRET_KEYS.contains(key)) {
                error(from, "references the key " + key + " of the KafkaUser Secret " + name + ", which has only " + KAFKA_USER_SECRET_KEYS);
            }
            return;
        }
        if (s == null) {
            if (requiredSecrets != null && !optional && !requiredSecrets.containsKey(name)) {
                error(from, "references the Secret " + name + ", which is neither in the overlay nor in its required-secrets.txt");
            }
            return;
        }
        if (key != null && secretValue(s, key) == null) {
            error(from, "references the key " + key + " of Secret " + name + ", which has no such key");
        }
    }

    private void configMapRef(ObjectNode from, String name, String key, boolean optional) {
        ObjectNode cm = find("ConfigMap", name);
        if (cm == null) {
            if (!optional) {
                error(from, "references the ConfigMap " + name + ", which does not exist");
            }
            return;
        }
        if (key != null && !cm.path("data").has(key)) {
            error(from, "references the key " + key + " of ConfigMap " + name + ", which has no such key");
        }
    }

    private static String secretValue(ObjectNode s, String key) {
        if (s.path("stringData").has(key)) {
            return s.path("stringData").path(key).asText();
        }
        if (s.path("data").has(key)) {
            try {
                return new String(java.util.Base64.getDecoder().decode(s.path("data").path(key).asText()), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode find(String kind, String name) {
        for (ObjectNode o : objects) {
            if (kind.equals(Ids.kind(o)) && name.equals(Ids.name(o))) {
                return o;
            }
        }
        return null;
    }

    private List<ObjectNode> objectsOf(String kind) {
        return objects.stream().filter(o -> kind.equals(Ids.kind(o))).toList();
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private void error(JsonNode o, String message) {
        errors.add(Ids.describe(o) + ": " + message);
    }
}

package org.gridgov.testkit.replay;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.replay.YearPlan.Item;
import org.gridgov.testkit.suite.DemoData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays a {@link YearPlan} through the running suite over its REST APIs, as its users would, with the
 * suite's clock moved day by day ({@code PUT /admin/clock} on every service): at 09:00 of each day the
 * day's reports come in and are handled (立案, dispatch, resolve, verify, follow-up, and the planned
 * rework, reopening, 上报, 退回 and 延期); reports planned to go overdue are left alone until the clock
 * has passed their deadline and the SLA clock has escalated them, then the community handles them.
 * At the end it reads the statistics and the ledger and compares them with the plan.
 */
public final class YearReplay {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** the photo of a 即办件: evidence kept elsewhere, referred to by its URL with its metadata */
    static final Map<String, Object> PHOTO = Map.of("url", "https://files.example/replay.jpg", "contentType", "image/jpeg", "size", 1000,
            "sha256", "ab".repeat(32));

    /** base URLs of the four services */
    public record Urls(String grid, String event, String escalation, String scoring) {
        List<String> all() {
            return List.of(grid, event, escalation, scoring);
        }
    }

    /** What the replay did and found. {@code mismatches} is empty when the suite's figures match the plan. */
    public record Result(int reports, int days, double wallSeconds, double timesRealTime, long requests, JsonNode statistics,
            Map<String, Long> ruleEntries, YearPlan.Expected expected, List<String> mismatches) {
    }

    private final Urls urls;
    private final Api api;
    private final int clients;
    private final String admin, operator, supervisor, leader, community, street;
    /** grid workers with county-wide claims: a patrol report anywhere in the county is inside their remit */
    private final String[] workers = new String[16];
    private final JwtKeys keys;
    private final AtomicLong requests = new AtomicLong();
    /** a case left to go overdue: who rates it at the end, and when its first deadline falls */
    private record Held(String id, String rater, String rating, OffsetDateTime deadline) {
    }

    private final List<Held> late = new ArrayList<>();

    public YearReplay(Urls urls, JwtKeys keys, int clients) {
        this.urls = urls;
        this.keys = keys;
        this.clients = clients;
        this.api = new Api(clients);
        Map<String, Object> county = Map.of("district", List.of(DemoData.DISTRICT));
        admin = token("replay-admin", "admin", Map.of());
        operator = token("operator-1", "operator", county);
        supervisor = token("supervisor-1", "supervisor", county);
        leader = token("leader-1", "grid_leader", county);
        community = token("community-staff-1", "community_staff", county);
        street = token("street-staff-1", "street_staff", county);
        for (int g = 0; g < workers.length; g++) {
            workers[g] = token("replay-worker-" + (g + 1), "grid_worker", county);
        }
    }

    private String token(String user, String role, Map<String, Object> claims) {
        return keys.token(user, Set.of(role), claims, Duration.ofHours(24));
    }

    /**
     * Replays the plan; the services' clocks are back on the system clock afterwards, whatever happens.
     *
     * @param ledgerPeriod the month, quarter or year of scoring-service's ledger the plan's points fall in
     * @param budget       no new day is started after this much time; the days replayed are checked (null: no limit)
     */
    public Result run(YearPlan plan, String ledgerPeriod, Duration budget) throws InterruptedException {
        try {
            return replay(plan, ledgerPeriod, budget);
        } finally {
            for (String u : urls.all()) {
                api.delete(u + "/admin/clock", admin);
            }
        }
    }

    private Result replay(YearPlan whole, String ledgerPeriod, Duration budget) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        YearPlan plan = whole;
        try {
            for (int d = 0; d < whole.days(); d++) {
                if (budget != null && System.nanoTime() - t0 > budget.toNanos()) {
                    plan = whole.firstDays(d);
                    break;
                }
                OffsetDateTime morning = whole.start().plusDays(d).atTime(LocalTime.of(9, 0)).atZone(CHINA).toOffsetDateTime();
                setClock(morning);
                List<Callable<Void>> work = new ArrayList<>();
                for (Held h : overdueBy(morning)) {
                    work.add(() -> afterOverdue(h));
                }
                for (Item item : whole.day(d)) {
                    work.add(() -> live(whole, item));
                }
                all(pool, work);
            }
            // the last overdue items: past every deadline
            OffsetDateTime end = plan.start().plusDays(plan.days() + 14).atTime(LocalTime.of(9, 0)).atZone(CHINA).toOffsetDateTime();
            setClock(end);
            List<Callable<Void>> work = new ArrayList<>();
            for (Held h : overdueBy(end)) {
                work.add(() -> afterOverdue(h));
            }
            all(pool, work);
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        JsonNode stats = statistics(plan);
        Map<String, Long> rules = awaitLedger(plan.expected(), ledgerPeriod);
        return new Result(plan.items().size(), plan.days(), wall, plan.days() * 86_400.0 / wall, requests.get(), stats, rules,
                plan.expected(), compare(plan.expected(), stats, rules));
    }

    private static void all(ExecutorService pool, List<Callable<Void>> work) throws InterruptedException {
        List<Future<Void>> done = pool.invokeAll(work);
        for (Future<Void> f : done) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a replayed report failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private void setClock(OffsetDateTime now) {
        for (String u : urls.all()) {
            call(() -> api.put(u + "/admin/clock", admin, Map.of("now", now.toString())));
        }
    }

    private List<Held> overdueBy(OffsetDateTime now) {
        synchronized (late) {
            List<Held> due = late.stream().filter(h -> h.deadline().isBefore(now)).toList();
            late.removeAll(due);
            return due;
        }
    }

    /** One report, from its submission to its close (or, when it is to go overdue, until it is dispatched). */
    private Void live(YearPlan plan, Item item) {
        String worker = workers[item.grid() % workers.length];
        String resident = token("replay-resident-" + item.seq() % 997, "resident", Map.of());
        String id = submit(item, worker, resident);
        if (item.channel() == YearPlan.Channel.ON_SPOT) {
            return null;
        }
        if (item.channel() == YearPlan.Channel.APP) {
            call(() -> api.post(urls.event() + "/events/" + id + "/acceptance", operator, Map.of("decision", "ACCEPT")));
        }
        awaitEvent(id, e -> "DISPATCHED".equals(e.path("status").asText()));
        String rater = item.channel() == YearPlan.Channel.APP ? resident : operator;
        switch (item.outcome()) {
            case FIRST_TIME -> close(id, worker, rater, item.rating());
            case REWORK -> {
                resolve(id, worker);
                verify(id, false);
                resolve(id, worker);
                verify(id, true);
                followUp(id, rater, item.rating());
            }
            case DISSATISFIED -> {
                resolve(id, worker);
                verify(id, true);
                followUp(id, rater, "DISSATISFIED");
                awaitEvent(id, e -> "DISPATCHED".equals(e.path("status").asText()));
                close(id, worker, rater, item.rating());
            }
            case ESCALATED, EXTENDED, RETURNED -> handOn(plan, item, id, worker, rater);
            case LATE -> {
                Held h = new Held(id, rater, item.rating(), OffsetDateTime.parse(openTask(id).path("deadline").asText()));
                synchronized (late) {
                    late.add(h);
                }
            }
            case SOLVED_ON_SPOT -> throw new IllegalStateException("not a case to handle");
        }
        return null;
    }

    /** The cases the grid worker does not close herself at once: escalated (上报), extended, returned (退回). */
    private void handOn(YearPlan plan, Item item, String id, String worker, String rater) {
        String task = openTask(id).path("id").asText();
        switch (item.outcome()) {
            case ESCALATED -> {
                call(() -> api.post(urls.escalation() + "/tasks/" + task + "/escalation", worker, Map.of("reason", "需社区协调物业处理")));
                awaitEvent(id, e -> e.path("handlerUnit").asText().startsWith("COMMUNITY:"));
                close(id, community, rater, item.rating());
            }
            case EXTENDED -> {
                JsonNode ask = call(() -> api.post(urls.escalation() + "/tasks/" + task + "/extension-requests", worker,
                        Map.of("workingDays", 2, "reason", "需等待配件")));
                call(() -> api.post(urls.escalation() + "/tasks/" + task + "/extension-requests/" + ask.path("id").asText() + "/decision",
                        supervisor, Map.of("approved", true, "note", "同意")));
                close(id, worker, rater, item.rating());
            }
            case RETURNED -> {
                call(() -> api.post(urls.escalation() + "/tasks/" + task + "/return", worker, Map.of("reason", "非本网格职责")));
                String unit = "COMMUNITY:" + plan.area(item).community();
                String queued = awaitQueued(id);
                if (queued != null) {
                    call(() -> api.post(urls.escalation() + "/tasks/" + queued + "/assignment", street, Map.of("handlerUnit", unit)));
                }
                awaitEvent(id, e -> !e.path("handlerUnit").asText().equals("GRID:" + plan.area(item).code())
                        && "DISPATCHED".equals(e.path("status").asText()));
                close(id, community, rater, item.rating());
            }
            default -> throw new IllegalStateException(item.outcome() + " is not handed on");
        }
    }

    /** An overdue case, escalated by the SLA clock to the community: the community handles it. */
    private Void afterOverdue(Held h) {
        awaitEvent(h.id(), e -> e.path("handlerUnit").asText().startsWith("COMMUNITY:") && "DISPATCHED".equals(e.path("status").asText()));
        close(h.id(), community, h.rater(), h.rating());
        return null;
    }

    private String submit(Item item, String worker, String resident) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("category", item.category());
        body.put("description", "回放上报 " + item.seq() + ":" + item.category());
        body.put("location", Map.of("latitude", item.latitude(), "longitude", item.longitude()));
        body.put("address", "汤泉街道回放路" + item.seq() % 500 + "号");
        String token = switch (item.channel()) {
            case APP -> resident;
            case PATROL -> worker;
            case HOTLINE -> {
                body.put("caller", Map.of("name", "来电人" + item.seq(), "phone", String.format("139%08d", item.seq()), "ticket", "R" + item.seq()));
                yield operator;
            }
            case ON_SPOT -> {
                body.put("solvedOnSpot", Map.of("note", "已当场处置", "evidence", List.of(PHOTO)));
                yield worker;
            }
        };
        JsonNode created = call(() -> api.post(urls.event() + "/events", token, body, "replay-" + item.seq()));
        return created.path("id").asText();
    }

    private void close(String id, String resolver, String rater, String rating) {
        resolve(id, resolver);
        verify(id, true);
        followUp(id, rater, rating);
    }

    private void resolve(String id, String token) {
        call(() -> api.post(urls.event() + "/events/" + id + "/resolution", token, Map.of("note", "已处理完毕")));
    }

    private void verify(String id, boolean passed) {
        call(() -> api.post(urls.event() + "/events/" + id + "/verification", leader,
                passed ? Map.of("passed", true, "note", "现场核查已解决") : Map.of("passed", false, "note", "仍未清理干净,返工")));
    }

    private void followUp(String id, String token, String rating) {
        call(() -> api.post(urls.event() + "/events/" + id + "/follow-up", token, Map.of("satisfaction", rating)));
    }

    private JsonNode openTask(String id) {
        for (int i = 0; i < 600; i++) {
            for (JsonNode t : call(() -> api.get(urls.escalation() + "/tasks/by-event/" + id, supervisor))) {
                if ("OPEN".equals(t.path("status").asText())) {
                    return t;
                }
            }
            Api.sleep(50);
        }
        throw new IllegalStateException("no open task for event " + id + " after 30 s");
    }

    /** the queued task after a return, or null when the return was routed to another unit at once */
    private String awaitQueued(String id) {
        for (int i = 0; i < 600; i++) {
            for (JsonNode t : call(() -> api.get(urls.escalation() + "/tasks/by-event/" + id, supervisor))) {
                String s = t.path("status").asText();
                if ("NEEDS_DISPATCHER".equals(s)) {
                    return t.path("id").asText();
                }
                if ("OPEN".equals(s)) {
                    return null;
                }
            }
            Api.sleep(50);
        }
        throw new IllegalStateException("the returned task of event " + id + " was neither routed nor queued after 30 s");
    }

    private JsonNode awaitEvent(String id, java.util.function.Predicate<JsonNode> until) {
        JsonNode e = null;
        for (int i = 0; i < 1200; i++) {
            e = call(() -> api.get(urls.event() + "/events/" + id, supervisor));
            if (until.test(e)) {
                return e;
            }
            Api.sleep(i < 20 ? 25 : 100);
        }
        throw new IllegalStateException("event " + id + " did not reach the expected state: " + e);
    }

    private JsonNode statistics(YearPlan plan) {
        String from = plan.start().atStartOfDay(CHINA).toOffsetDateTime().toString();
        String to = plan.start().plusDays(plan.days() + 30).atStartOfDay(CHINA).toOffsetDateTime().toString();
        return call(() -> api.get(urls.event() + "/statistics?by=district&from=" + enc(from) + "&to=" + enc(to), supervisor));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** the ledger's entries per rule once it has stopped moving (scoring-service consumes the lifecycle behind the replay) */
    private Map<String, Long> awaitLedger(YearPlan.Expected expected, String period) {
        Map<String, Long> last = Map.of();
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = new TreeMap<>();
            for (JsonNode r : call(() -> api.get(urls.scoring() + "/ledger/totals" + (period == null ? "" : "?period=" + period), admin))) {
                now.put(r.path("rule").asText(), r.path("entries").asLong());
            }
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now.entrySet().containsAll(expected.ruleEntries().entrySet()) || System.nanoTime() - stableSince > 10_000_000_000L) {
                return now;
            }
            Api.sleep(500);
        }
        return last;
    }

    static List<String> compare(YearPlan.Expected x, JsonNode stats, Map<String, Long> rules) {
        List<String> out = new ArrayList<>();
        if (stats.size() != 1) {
            out.add("statistics: one county expected, got " + stats);
            return out;
        }
        JsonNode s = stats.get(0);
        check(out, "reported", x.cases(), s.path("reported").asLong());
        check(out, "closed", x.closed(), s.path("closed").asLong());
        rate(out, "onTimeRate", x.onTimeRate(), s.path("onTimeRate"));
        rate(out, "firstTimeRate", x.firstTimeRate(), s.path("firstTimeRate"));
        rate(out, "satisfactionRate", x.satisfactionRate(), s.path("satisfactionRate"));
        rate(out, "reworkRate", x.reworkRate(), s.path("reworkRate"));
        x.ruleEntries().forEach((rule, n) -> check(out, "ledger " + rule, n, rules.getOrDefault(rule, 0L)));
        return out;
    }

    private static void check(List<String> out, String what, long expected, long actual) {
        if (expected != actual) {
            out.add(what + ": planned " + expected + ", found " + actual);
        }
    }

    private static void rate(List<String> out, String what, double expected, JsonNode actual) {
        if (actual.isNull() || actual.isMissingNode() || Math.abs(actual.asDouble() - expected) > 1e-9) {
            out.add(what + ": planned " + expected + ", found " + actual);
        }
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        requests.incrementAndGet();
        return request.get();
    }
}

package org.gridgov.testkit.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small demo street for the local run and the system test: 汤泉街道 in 长乐区 (county code
 * 350182) with two communities, a level-1 grid each and six level-2 grids whose boundaries tile a
 * 3 x 2 block; a grid worker per grid, two buildings and five households per grid (some of them
 * focus households), each household with a contact cadre. Loaded through grid-service's REST API
 * as an administrator would; loading twice changes nothing.
 */
public final class DemoData {
    /** the five cadre classes (org.gridgov.common.contract.CadreClass), class 1 to 5 */
    private static final String[] CADRE_CLASSES = { "CADRE_SECRETARY", "CADRE_MEMBER", "PARTY_MEMBER_CADRE", "PARTY_MEMBER",
            "PARTY_MEMBER_MOBILE" };
    public static final String DISTRICT = "350182";
    public static final String STREET = "350182001";
    public static final double WEST = 119.520;
    public static final double SOUTH = 25.960;
    public static final double CELL = 0.004;

    public record Grid(String code, String name, String community, String leaderId, double west, double south) {
        /** the centre of the grid, for reports that should land in it */
        public double[] centre() {
            return new double[] { west + CELL / 2, south + CELL / 2 };
        }
    }

    public static final List<Grid> GRIDS = grids();

    /**
     * A demo user: token subject, roles and jurisdiction claims (grids, communities, streets, district, dept; see
     * {@code org.gridgov.common.security.Jurisdiction}).
     */
    public record User(String id, java.util.Set<String> roles, java.util.Map<String, Object> claims) {
        /** TOKEN_WORKER_1 for worker-1 */
        public String envName() {
            return "TOKEN_" + id.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        }
    }

    /** The demo users of the local run ({@code .gridgov/tokens.env}) and of the token tool. */
    public static final List<User> USERS = users();

    private static List<User> users() {
        List<User> out = new ArrayList<>(List.of(
            new User("admin", java.util.Set.of("admin"), java.util.Map.of()),
            // 长乐区's own administrator: changes the county's settings only (SecondCounty has 闽侯县's)
            new User("admin-changle", java.util.Set.of("admin"), java.util.Map.of("district", List.of(DISTRICT))),
            new User("resident-001", java.util.Set.of("resident"), java.util.Map.of()),
            // 王丽, grid worker of 东山第一网格
            new User("worker-1", java.util.Set.of("grid_worker"), java.util.Map.of("grids", List.of(STREET + "001001"))),
            // 刘洋, grid worker of 西湖第一网格
            new User("worker-4", java.util.Set.of("grid_worker"), java.util.Map.of("grids", List.of(STREET + "002001"))),
            // 陈秀英, grid leader of 东山社区一级网格: every grid of the community
            new User("leader-1", java.util.Set.of("grid_leader"), java.util.Map.of("grids", List.of(STREET + "001000"))),
            // 吴建华, party member visiting the households of 东山第一网格
            new User("party-1", java.util.Set.of("cadre"), java.util.Map.of("grids", List.of(STREET + "001001"))),
            new User("community-staff-1", java.util.Set.of("community_staff"), java.util.Map.of("communities", List.of(STREET + "001"))),
            new User("street-staff-1", java.util.Set.of("street_staff"), java.util.Map.of("streets", List.of(STREET))),
            new User("police-1", java.util.Set.of("dept_handler"), java.util.Map.of("dept", List.of("police"))),
            new User("sanitation-1", java.util.Set.of("dept_handler"), java.util.Map.of("dept", List.of("sanitation"))),
            new User("supervisor-1", java.util.Set.of("supervisor"), java.util.Map.of("district", List.of(DISTRICT))),
            new User("scorer-1", java.util.Set.of("scorer"), java.util.Map.of("district", List.of(DISTRICT))),
            new User("operator-1", java.util.Set.of("operator"), java.util.Map.of("district", List.of(DISTRICT)))));
        out.addAll(SecondCounty.users());
        return List.copyOf(out);
    }

    public static java.util.Optional<User> user(String id) {
        return USERS.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    private DemoData() {
    }

    private static List<Grid> grids() {
        List<Grid> out = new ArrayList<>();
        String[] names = { "东山第一网格", "东山第二网格", "东山第三网格", "西湖第一网格", "西湖第二网格", "西湖第三网格" };
        for (int i = 0; i < 6; i++) {
            String community = STREET + (i < 3 ? "001" : "002");
            String code = community + String.format("%03d", i % 3 + 1);
            out.add(new Grid(code, names[i], community, "worker-" + (i + 1), WEST + (i % 3) * CELL, SOUTH + (i / 3) * CELL));
        }
        return out;
    }

    /** Loads the street, its communities, grids, people, buildings and households; what exists is left as it is. */
    public static void load(String gridServiceUrl, String adminToken) {
        HttpClient http = HttpClient.newHttpClient();
        post(http, gridServiceUrl, "/grids", adminToken, "{\"code\":\"" + DISTRICT + "\",\"name\":\"长乐区\",\"level\":\"DISTRICT\"}");
        post(http, gridServiceUrl, "/grids", adminToken, "{\"code\":\"" + STREET + "\",\"name\":\"汤泉街道\",\"level\":\"STREET\",\"parentCode\":\"" + DISTRICT + "\"}");
        String[] communities = { "东山社区", "西湖社区" };
        for (int c = 0; c < 2; c++) {
            String community = STREET + "00" + (c + 1);
            post(http, gridServiceUrl, "/grids", adminToken, "{\"code\":\"" + community + "\",\"name\":\"" + communities[c]
                    + "\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}");
            post(http, gridServiceUrl, "/grids", adminToken, "{\"code\":\"" + community + "000\",\"name\":\"" + communities[c]
                    + "一级网格\",\"level\":\"GRID1\",\"parentCode\":\"" + community + "\",\"matters\":[\"PARTY_BUILDING\",\"PUBLIC_SECURITY\"]}");
            post(http, gridServiceUrl, "/people", adminToken, "{\"id\":\"leader-" + (c + 1) + "\",\"name\":\"" + LEADERS[c]
                    + "\",\"role\":\"GRID_LEADER\",\"phone\":\"1385000000" + (c + 1) + "\",\"gridCodes\":[\"" + community + "000\"]}");
        }
        for (Grid g : GRIDS) {
            double w = g.west(), s = g.south(), e = w + CELL, n = s + CELL;
            String boundary = String.format(Locale.ROOT,
                    "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
                    w, s, e, s, e, n, w, n, w, s);
            post(http, gridServiceUrl, "/grids", adminToken, "{\"code\":\"" + g.code() + "\",\"name\":\"" + g.name()
                    + "\",\"level\":\"GRID\",\"parentCode\":\"" + g.community() + "000\",\"leaderId\":\"" + g.leaderId()
                    + "\",\"matters\":[\"PUBLIC_SECURITY\",\"HEALTH\",\"EMERGENCY\"],\"boundary\":" + boundary + "}");
            int i = GRIDS.indexOf(g);
            post(http, gridServiceUrl, "/people", adminToken, "{\"id\":\"" + g.leaderId() + "\",\"name\":\"" + WORKERS[i]
                    + "\",\"role\":\"GRID_WORKER\",\"phone\":\"1390000000" + (i + 1) + "\",\"gridCodes\":[\"" + g.code() + "\"]}");
            String party = "party-" + (i + 1);
            post(http, gridServiceUrl, "/people", adminToken, "{\"id\":\"" + party + "\",\"name\":\"" + PARTY[i]
                    + "\",\"role\":\"PARTY_MEMBER\",\"cadreClass\":\"" + CADRE_CLASSES[i % 5] + "\",\"gridCodes\":[\"" + g.code() + "\"]}");
            for (int b = 1; b <= 2; b++) {
                String building = g.code() + String.format("%03d", b);
                String street = i < 3 ? "东山路" : "西湖路";
                post(http, gridServiceUrl, "/buildings", adminToken, String.format(Locale.ROOT,
                        "{\"code\":\"%s\",\"name\":\"%s%d号楼\",\"address\":\"%s%d号\",\"latitude\":%.6f,\"longitude\":%.6f}",
                        building, street, i * 2 + b, street, i * 2 + b, s + CELL * b / 3, w + CELL * b / 3));
                for (int h = 1; h <= (b == 1 ? 3 : 2); h++) {
                    int k = i * 5 + (b - 1) * 3 + h;
                    String tags = k % 4 == 0 ? "[\"ELDERLY\"]" : k % 7 == 0 ? "[\"MIGRANT\"]" : k % 5 == 0 ? "[\"PARTY_MEMBER\"]" : "[\"ORDINARY\"]";
                    String focus = k % 6 == 0 ? "[\"POOR\"]" : k % 9 == 0 ? "[\"DISPUTE\"]" : k % 11 == 0 ? "[\"HOTLINE_12345\"]" : "[]";
                    post(http, gridServiceUrl, "/households", adminToken, String.format(Locale.ROOT,
                            "{\"code\":\"%s-%02d\",\"gridCode\":\"%s\",\"buildingCode\":\"%s\",\"address\":\"%s%d号%d0%d室\","
                                    + "\"headName\":\"%s\",\"headPhone\":\"137%08d\",\"headIdNumber\":\"%s\",\"memberCount\":%d,"
                                    + "\"tags\":%s,\"focusTags\":%s,\"contactPersonId\":\"%s\"}",
                            building, h, g.code(), building, street, i * 2 + b, h, h, HEADS[k % HEADS.length], 10_000 + k,
                            idNumber(k), 1 + k % 5, tags, focus, party));
                }
            }
        }
    }

    static final String[] LEADERS = { "陈秀英", "林国强" };
    static final String[] WORKERS = { "王丽", "张伟", "李娜", "刘洋", "黄敏", "郑军" };
    static final String[] PARTY = { "吴建华", "周海燕", "徐志明", "孙桂兰", "马文斌", "朱丽萍" };
    static final String[] HEADS = { "陈建国", "林美玲", "黄志强", "郑秀兰", "王德福", "李春梅", "张国华", "刘玉珍", "吴海生", "蔡淑芬", "杨明辉" };

    /** A checksum-valid ID number for demo household heads born in 1950..1999. */
    static String idNumber(int k) {
        String body = String.format("350182%04d%02d%02d%03d", 1950 + k % 50, 1 + k % 12, 1 + k % 28, k % 1000);
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** a change that must succeed (2xx), e.g. a county administrator's PUT of her settings */
    static void send(HttpClient http, String method, String base, String path, String token, String json) {
        HttpResponse<String> r = exchange(http, method, base, path, token, json);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("demo settings refused: " + method + " " + path + " " + r.statusCode() + " " + r.body());
        }
    }

    /** a creation: 201, or 400 "... already exists" on a second load */
    static void post(HttpClient http, String base, String path, String token, String json) {
        HttpResponse<String> r = exchange(http, "POST", base, path, token, json);
        if (r.statusCode() != 201 && !(r.statusCode() == 400 && r.body().contains("already exists"))) {
            throw new IllegalStateException("demo data refused: " + r.statusCode() + " " + r.body());
        }
    }

    private static HttpResponse<String> exchange(HttpClient http, String method, String base, String path, String token, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot load demo data: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

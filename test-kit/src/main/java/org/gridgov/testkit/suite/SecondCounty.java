package org.gridgov.testkit.suite;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A second county in the same deployment, so that the local run and the system test show several counties side by
 * side: 闽侯县 (county code 350121) with one street, 甘蔗街道 (350121001), one community, 城关社区 (350121001001), and
 * two grids, each with a grid worker and a building of two households. Its own administrator
 * ({@code admin-minhou}: role admin, claim district 350121) keeps its settings; 长乐区's administrator is
 * {@code admin-changle}. Loaded through grid-service's REST API; loading twice changes nothing.
 */
public final class SecondCounty {
    public static final String DISTRICT = "350121";
    public static final String STREET = DISTRICT + "001";
    public static final String COMMUNITY = STREET + "001";
    public static final double WEST = 119.280;
    public static final double SOUTH = 26.070;
    public static final List<DemoData.Grid> GRIDS = List.of(
            new DemoData.Grid(COMMUNITY + "001", "城关第一网格", COMMUNITY, "worker-mh-1", WEST, SOUTH),
            new DemoData.Grid(COMMUNITY + "002", "城关第二网格", COMMUNITY, "worker-mh-2", WEST + DemoData.CELL, SOUTH));

    /** the second county's demo users, added to {@link DemoData#USERS} */
    static List<DemoData.User> users() {
        return List.of(
                new DemoData.User("admin-minhou", Set.of("admin"), Map.of("district", List.of(DISTRICT))),
                new DemoData.User("worker-mh-1", Set.of("grid_worker"), Map.of("grids", List.of(GRIDS.get(0).code()))),
                new DemoData.User("operator-mh-1", Set.of("operator"), Map.of("district", List.of(DISTRICT))),
                new DemoData.User("supervisor-mh-1", Set.of("supervisor"), Map.of("district", List.of(DISTRICT))),
                new DemoData.User("scorer-mh-1", Set.of("scorer"), Map.of("district", List.of(DISTRICT))));
    }

    /** 闽侯县's own category: tea gardens are a matter of the county (under the shared 民生服务) */
    public static final String TEA = "livelihood.tea-garden";
    /** 闽侯县's own departments: code and name */
    public static final List<String[]> DEPARTMENTS = List.of(new String[] { "agriculture-" + DISTRICT, "闽侯县农业农村局" },
            new String[] { "housing-" + DISTRICT, "闽侯县住建局" });
    /** 闽侯县's own routing rules: tea gardens to its 农业农村局, housing straight to its 住建局, else as everywhere */
    public static final String RULES = """
            {"note":"闽侯县分流规则","rules":[
             {"id":"mh-tea","categoryPrefix":"%s","placePrefix":"","tier":"GRID","handler":"DEPT:agriculture-%s"},
             {"id":"mh-housing","categoryPrefix":"housing","placePrefix":"","tier":"GRID","handler":"DEPT:housing-%s"},
             {"id":"mh-grid","categoryPrefix":"","placePrefix":"","tier":"GRID","handler":"GRID"},
             {"id":"mh-community","categoryPrefix":"","placePrefix":"","tier":"COMMUNITY","handler":"COMMUNITY"},
             {"id":"mh-street","categoryPrefix":"","placePrefix":"","tier":"STREET","handler":"STREET"}]}""".formatted(TEA, DISTRICT,
            DISTRICT);

    private SecondCounty() {
    }

    /**
     * 闽侯县's own settings, as its administrator keeps them ({@code countyAdminToken}: role admin, district 350121): her
     * departments, her category and her routing rules. Loading again renames nothing and publishes the same rules anew.
     */
    public static void loadSettings(String eventServiceUrl, String escalationServiceUrl, String countyAdminToken) {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] d : DEPARTMENTS) {
            DemoData.send(http, "PUT", escalationServiceUrl, "/routing/departments/" + d[0], countyAdminToken,
                    "{\"name\":\"" + d[1] + "\",\"county\":\"" + DISTRICT + "\"}");
        }
        DemoData.send(http, "PUT", eventServiceUrl, "/categories/" + TEA, countyAdminToken, "{\"kind\":\"EVENT\",\"code\":\"0991\","
                + "\"nameZh\":\"茶园纠纷\",\"nameEn\":\"Tea garden dispute\",\"parentKey\":\"livelihood\",\"urgency\":\"NORMAL\","
                + "\"timeLimitDays\":5,\"county\":\"" + DISTRICT + "\"}");
        DemoData.send(http, "POST", escalationServiceUrl, "/routing/rules?county=" + DISTRICT, countyAdminToken, RULES);
    }

    /** Loads the county's tree, people, buildings and households (the system administrator creates the county node). */
    public static void load(String gridServiceUrl, String adminToken) {
        HttpClient http = HttpClient.newHttpClient();
        String grid1 = COMMUNITY + "000";
        for (String json : List.of(
                "{\"code\":\"" + DISTRICT + "\",\"name\":\"闽侯县\",\"level\":\"DISTRICT\"}",
                "{\"code\":\"" + STREET + "\",\"name\":\"甘蔗街道\",\"level\":\"STREET\",\"parentCode\":\"" + DISTRICT + "\"}",
                "{\"code\":\"" + COMMUNITY + "\",\"name\":\"城关社区\",\"level\":\"COMMUNITY\",\"parentCode\":\"" + STREET + "\"}",
                "{\"code\":\"" + grid1 + "\",\"name\":\"城关社区一级网格\",\"level\":\"GRID1\",\"parentCode\":\"" + COMMUNITY
                        + "\",\"matters\":[\"PARTY_BUILDING\",\"PUBLIC_SECURITY\"]}")) {
            DemoData.post(http, gridServiceUrl, "/grids", adminToken, json);
        }
        String[] workers = { "林志坚", "陈美华" };
        for (int i = 0; i < GRIDS.size(); i++) {
            DemoData.Grid g = GRIDS.get(i);
            double w = g.west(), s = g.south(), e = w + DemoData.CELL, n = s + DemoData.CELL;
            String boundary = String.format(Locale.ROOT,
                    "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
                    w, s, e, s, e, n, w, n, w, s);
            DemoData.post(http, gridServiceUrl, "/grids", adminToken, "{\"code\":\"" + g.code() + "\",\"name\":\"" + g.name()
                    + "\",\"level\":\"GRID\",\"parentCode\":\"" + grid1 + "\",\"leaderId\":\"" + g.leaderId()
                    + "\",\"matters\":[\"PUBLIC_SECURITY\",\"HEALTH\",\"EMERGENCY\"],\"boundary\":" + boundary + "}");
            DemoData.post(http, gridServiceUrl, "/people", adminToken, "{\"id\":\"" + g.leaderId() + "\",\"name\":\"" + workers[i]
                    + "\",\"role\":\"GRID_WORKER\",\"phone\":\"1395000000" + (i + 1) + "\",\"gridCodes\":[\"" + g.code() + "\"]}");
            String building = g.code() + "001";
            DemoData.post(http, gridServiceUrl, "/buildings", adminToken, String.format(Locale.ROOT,
                    "{\"code\":\"%s\",\"name\":\"甘蔗路%d号楼\",\"address\":\"甘蔗路%d号\",\"latitude\":%.6f,\"longitude\":%.6f}",
                    building, i + 1, i + 1, s + DemoData.CELL / 3, w + DemoData.CELL / 3));
            for (int h = 1; h <= 2; h++) {
                int k = 100 + i * 2 + h;
                DemoData.post(http, gridServiceUrl, "/households", adminToken, String.format(Locale.ROOT,
                        "{\"code\":\"%s-%02d\",\"gridCode\":\"%s\",\"buildingCode\":\"%s\",\"address\":\"甘蔗路%d号%d0%d室\","
                                + "\"headName\":\"%s\",\"headPhone\":\"136%08d\",\"headIdNumber\":\"%s\",\"memberCount\":%d,"
                                + "\"tags\":[\"ORDINARY\"],\"focusTags\":[],\"contactPersonId\":\"%s\"}",
                        building, h, g.code(), building, i + 1, h, h, DemoData.HEADS[k % DemoData.HEADS.length], 20_000 + k,
                        DemoData.idNumber(k), 2 + h, g.leaderId()));
            }
        }
    }
}

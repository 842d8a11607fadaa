package org.gridgov.testkit.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a county in the shape of Changle (长乐区, 350182): towns, villages, a level-1 grid per
 * village and level-2 grids laid out as a lattice of square cells, plus household files with
 * plausible Chinese names, valid ID numbers and tags, as a GeoJSON FeatureCollection and a CSV
 * with Chinese headers ready for grid-service's imports. Deterministic for a given seed.
 */
public final class CountyGenerator {

    /** Changle as the seeds describe it: 11 towns, 369 villages, 3,600 grids, 110,000 households. */
    public static final Scale FULL = new Scale(11, 369, 3600, 110_000);
    /** A small county for the local run. */
    public static final Scale SMALL = new Scale(2, 6, 30, 600);

    public record Scale(int towns, int villages, int grids, int households) {
    }

    /** micro-degrees: the lattice starts here and every cell is 0.004 degrees */
    static final long WEST = 119_400_000L;
    static final long SOUTH = 25_700_000L;
    static final long CELL = 4_000L;
    static final int COLUMNS = 60;

    static final String[] TOWNS = { "吴航街道", "航城街道", "营前街道", "漳港街道", "首占镇", "玉田镇", "松下镇", "江田镇", "古槐镇",
            "文武砂镇", "鹤上镇", "湖南镇", "金峰镇", "潭头镇", "梅花镇", "文岭镇" };
    static final String[] VILLAGE_A = { "东", "西", "南", "北", "上", "下", "前", "后", "新", "大", "小", "洋", "岭", "屿", "湖", "山", "溪", "坑", "塘", "厝" };
    static final String[] VILLAGE_B = { "林", "陈", "黄", "郑", "王", "柳", "桥", "埕", "岐", "兜", "洲", "墩", "亭", "坂", "尾", "头", "里", "园" };
    static final String[] SURNAMES = { "陈", "林", "黄", "郑", "王", "李", "张", "刘", "吴", "蔡", "杨", "朱", "何", "高", "潘", "游", "詹", "卓" };
    static final String[] GIVEN = { "建国", "美玲", "志强", "秀兰", "德福", "春梅", "国华", "玉珍", "海生", "淑芬", "明辉", "丽娟", "文斌",
            "桂英", "金水", "宝珠", "永福", "惠珍", "天佑", "雪梅" };

    private final Scale scale;
    private final int townOffset;

    /**
     * @param townOffset town numbers start after it (100 keeps clear of the demo street 350182001)
     */
    public CountyGenerator(Scale scale, int townOffset) {
        this.scale = scale;
        this.townOffset = townOffset;
    }

    public String townCode(int t) {
        return "350182" + String.format("%03d", townOffset + t + 1);
    }

    /** Level-2 grid codes in lattice order. */
    public List<String> gridCodes() {
        List<String> codes = new ArrayList<>(scale.grids());
        int v = 0;
        int[] perVillage = split(scale.grids(), scale.villages());
        int[] villagesPerTown = split(scale.villages(), scale.towns());
        int town = 0;
        int villageInTown = 0;
        for (int village = 0; village < scale.villages(); village++) {
            if (villageInTown == villagesPerTown[town]) {
                town++;
                villageInTown = 0;
            }
            String vc = townCode(town) + String.format("%03d", ++villageInTown);
            for (int g = 1; g <= perVillage[village]; g++) {
                codes.add(vc + String.format("%03d", g));
            }
            v++;
        }
        return codes;
    }

    /** The county as a GeoJSON FeatureCollection: district (optional), towns, villages, level-1 and level-2 grids. */
    public String featureCollection(boolean withDistrict) {
        StringBuilder sb = new StringBuilder(scale.grids() * 400);
        sb.append("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        if (withDistrict) {
            first = feature(sb, true, "350182", "长乐区", "DISTRICT", null, null);
        }
        int[] perVillage = split(scale.grids(), scale.villages());
        int[] villagesPerTown = split(scale.villages(), scale.towns());
        int village = 0;
        int cell = 0;
        for (int t = 0; t < scale.towns(); t++) {
            String town = townCode(t);
            first = feature(sb, first, town, TOWNS[t % TOWNS.length], "STREET", "350182", null);
            for (int vt = 1; vt <= villagesPerTown[t]; vt++, village++) {
                String vc = town + String.format("%03d", vt);
                String vname = VILLAGE_A[village % VILLAGE_A.length] + VILLAGE_B[(village / VILLAGE_A.length) % VILLAGE_B.length]
                        + (village >= VILLAGE_A.length * VILLAGE_B.length ? String.valueOf(village) : "") + "村";
                first = feature(sb, first, vc, vname, "COMMUNITY", town, null);
                first = feature(sb, first, vc + "000", vname + "一级网格", "GRID1", vc, null);
                for (int g = 1; g <= perVillage[village]; g++, cell++) {
                    first = feature(sb, first, vc + String.format("%03d", g), vname + "第" + g + "网格", "GRID", vc + "000", square(cell));
                }
            }
        }
        return sb.append("]}").toString();
    }

    /** Households as UTF-8 CSV with Chinese headers; spread evenly over the level-2 grids. */
    public String householdsCsv() {
        List<String> grids = gridCodes();
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(scale.households() * 120);
        sb.append("户编码,网格编码,地址,户主姓名,联系电话,身份证号,人口数,标签,重点标签\n");
        for (int i = 0; i < scale.households(); i++) {
            String grid = grids.get(i % grids.size());
            int n = i / grids.size() + 1;
            String tag = switch (random.nextInt(10)) {
                case 0, 1 -> "老龄户";
                case 2 -> "流动户";
                case 3 -> "党员户";
                default -> "一般户";
            };
            String focus = switch (random.nextInt(40)) {
                case 0 -> "贫困户";
                case 1 -> "矛盾纠纷户";
                case 2 -> "12345诉求人";
                case 3 -> "建房申请户";
                default -> "";
            };
            sb.append('H').append(grid).append(String.format("%03d", n)).append(',').append(grid).append(',')
                    .append(grid.substring(9, 12)).append("号村道").append(n).append("号,")
                    .append(SURNAMES[random.nextInt(SURNAMES.length)]).append(GIVEN[random.nextInt(GIVEN.length)]).append(',')
                    .append("13").append(String.format("%09d", random.nextInt(1_000_000_000))).append(',')
                    .append(idNumber(random)).append(',').append(1 + random.nextInt(6)).append(',').append(tag).append(',')
                    .append(focus).append('\n');
        }
        return sb.toString();
    }

    /** A level-2 grid's square: its code and south-west corner, side {@link #CELL} micro-degrees. */
    public record Cell(String code, double west, double south, double side) {
    }

    /** Every level-2 grid's square, in lattice order (the order of {@link #gridCodes()}). */
    public List<Cell> cells() {
        List<String> codes = gridCodes();
        List<Cell> cells = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            cells.add(new Cell(codes.get(i), (WEST + (i % COLUMNS) * CELL) / 1e6, (SOUTH + (i / COLUMNS) * CELL) / 1e6, CELL / 1e6));
        }
        return cells;
    }

    /** The lattice's bounds in degrees: west, south, east, north. */
    public double[] bounds() {
        int rows = (scale.grids() + COLUMNS - 1) / COLUMNS;
        int cols = Math.min(COLUMNS, scale.grids());
        return new double[] { WEST / 1e6, SOUTH / 1e6, (WEST + cols * CELL) / 1e6, (SOUTH + rows * CELL) / 1e6 };
    }

    static String idNumber(Random random) {
        String body = String.format("350182%04d%02d%02d%03d", 1940 + random.nextInt(70), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static String deg(long micro) {
        return (micro / 1_000_000) + "." + String.format("%06d", micro % 1_000_000);
    }

    private static String square(int cell) {
        long w = WEST + (cell % COLUMNS) * CELL;
        long s = SOUTH + (cell / COLUMNS) * CELL;
        long e = w + CELL;
        long n = s + CELL;
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + deg(w) + "," + deg(s) + "],[" + deg(e) + "," + deg(s) + "],["
                + deg(e) + "," + deg(n) + "],[" + deg(w) + "," + deg(n) + "],[" + deg(w) + "," + deg(s) + "]]]}";
    }

    private static boolean feature(StringBuilder sb, boolean first, String code, String name, String level, String parent,
            String geometry) {
        if (!first) {
            sb.append(',');
        }
        sb.append("{\"type\":\"Feature\",\"properties\":{\"code\":\"").append(code).append("\",\"name\":\"").append(name)
                .append("\",\"level\":\"").append(level).append('"');
        if (parent != null) {
            sb.append(",\"parentCode\":\"").append(parent).append('"');
        }
        sb.append("},\"geometry\":").append(geometry == null ? "null" : geometry).append('}');
        return false;
    }

    /** n items over k buckets, the first n % k buckets one larger. */
    static int[] split(int n, int k) {
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = n / k + (i < n % k ? 1 : 0);
        }
        return out;
    }
}

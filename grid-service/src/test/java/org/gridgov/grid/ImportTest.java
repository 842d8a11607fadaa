package org.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.demo.CountyGenerator;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
class ImportTest {
    static final String ADMIN = JwtKeys.forTests().token("admin-4", "admin");

    @Inject
    EntityManager em;

    long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @Test
    void aSmallCountyImportsFromGeoJsonAndCsvAndItsPointsLocate() {
        GridResourceTest.district("350182");
        CountyGenerator county = new CountyGenerator(CountyGenerator.SMALL, 500);
        given().auth().oauth2(ADMIN).contentType("application/geo+json").body(county.featureCollection(false))
                .post("/imports/grids").then().statusCode(200)
                .body("imported", equalTo(2 + 6 * 2 + 30));
        given().auth().oauth2(ADMIN).contentType("text/csv; charset=UTF-8")
                .body(county.householdsCsv().getBytes(StandardCharsets.UTF_8))
                .post("/imports/households").then().statusCode(200).body("imported", equalTo(600));
        assertEquals(600, count("select count(*) from household where grid_code like '35018250%'"));
        // Chinese tags were read
        assertEquals(0, count("select count(*) from household where grid_code like '35018250%' and cardinality(tags) = 0"));
        double[] b = county.bounds();
        given().auth().oauth2(ADMIN).queryParam("lat", b[1] + 0.002).queryParam("lon", b[0] + 0.002).get("/grids/locate").then()
                .statusCode(200).body("gridCode", equalTo(county.gridCodes().get(0)))
                .body("lineage[1].code", equalTo(county.townCode(0)));
        // importing the same file again: every code already exists, nothing changes
        given().auth().oauth2(ADMIN).contentType("application/geo+json").body(county.featureCollection(false))
                .post("/imports/grids").then().statusCode(400).body("errors.field", hasItem("features[0].properties.code"));
    }

    @Test
    void aFileWithAnyBadFeatureImportsNothingAndReportsEachError() {
        GridResourceTest.district("350182");
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[119.1,25.1],[119.11,25.1],[119.11,25.11],[119.1,25.11],[119.1,25.1]]]}";
        String overlapping = "{\"type\":\"Polygon\",\"coordinates\":[[[119.105,25.105],[119.115,25.105],[119.115,25.115],[119.105,25.115],[119.105,25.105]]]}";
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[119.2,25.2],[119.21,25.21],[119.21,25.2],[119.2,25.21],[119.2,25.2]]]}";
        String file = "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601\",\"name\":\"坏镇\",\"level\":\"STREET\",\"parentCode\":\"350182\"},\"geometry\":null},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601001\",\"name\":\"坏村\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182601\"},\"geometry\":null},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601001000\",\"name\":\"一级\",\"level\":\"GRID1\",\"parentCode\":\"350182601001\"},\"geometry\":null},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601001001\",\"name\":\"甲\",\"level\":\"GRID\",\"parentCode\":\"350182601001000\"},\"geometry\":" + square + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601001002\",\"name\":\"乙\",\"level\":\"GRID\",\"parentCode\":\"350182601001000\"},\"geometry\":" + overlapping + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601001003\",\"name\":\"丙\",\"level\":\"GRID\",\"parentCode\":\"350182601001000\"},\"geometry\":" + bowTie + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182609001\",\"name\":\"孤\",\"level\":\"COMMUNITY\",\"parentCode\":\"350182609\"},\"geometry\":null},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"350182601001001\",\"name\":\"重\",\"level\":\"GRID\",\"parentCode\":\"350182601001000\"},\"geometry\":null},"
                + "{\"type\":\"Feature\",\"properties\":{\"code\":\"12\",\"name\":\"\",\"level\":\"PLANET\"},\"geometry\":null}"
                + "]}";
        given().auth().oauth2(ADMIN).contentType("application/geo+json").body(file).post("/imports/grids").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.row == 4 }.field", equalTo("features[4].geometry"))
                .body("errors.find { it.row == 5 }.field", equalTo("features[5].geometry"))
                .body("errors.find { it.row == 6 }.field", equalTo("features[6].properties.parentCode"))
                .body("errors.find { it.row == 7 }.field", equalTo("features[7].properties.code"))
                .body("errors.find { it.row == 8 }.field", equalTo("features[8].properties"));
        assertEquals(0, count("select count(*) from grid_node where code like '350182601%'"));
        assertEquals(0, count("select count(*) from outbox_message where message_key like '350182601%'"));
    }

    @Test
    void aCsvWithAnyBadRowImportsNothingAndNamesLineAndField() {
        String csv = "户编码,网格编码,地址,户主姓名,联系电话,身份证号,人口数,标签,重点标签\n"
                + "X-1,350182999999001,某地1号,陈建国,13800000000,,3,一般户,\n"
                + "X-2,350182999999001,某地2号,林美玲,13800000001,350182195003071230,two,老龄户,\n"
                + "X-3,350182999999001,某地3号,黄志强,12345,,3,富裕户,\n"
                + "X-4,350182999999001,\"某地,4号\"\n";
        given().auth().oauth2(ADMIN).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/imports/households")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.row == 2 }.field", equalTo("gridCode"))
                .body("errors.find { it.row == 3 }.field", equalTo("memberCount"))
                .body("errors.find { it.row == 4 }.field", equalTo("tags"))
                .body("errors.find { it.row == 5 }.field", equalTo("row"));
        given().auth().oauth2(ADMIN).contentType("text/csv").body("名字,年龄\n张三,3\n".getBytes(StandardCharsets.UTF_8))
                .post("/imports/households").then().statusCode(400).body("errors[0].field", equalTo("header"));
        assertEquals(0, count("select count(*) from household where code like 'X-%'"));
    }
}

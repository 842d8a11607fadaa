package org.gridgov.common.contract;

import java.util.Optional;

/**
 * The five classes of cadres and party members, each with its own scoring standard (the seeds split 193 village
 * cadres and 1,351 party members into five). grid-service keeps a person's class; scoring-service scores by it.
 */
public enum CadreClass {
    /** class 1: 村(社区)书记, branch secretaries */
    CADRE_SECRETARY,
    /** class 2: 村(社区)两委成员, committee members */
    CADRE_MEMBER,
    /** class 3: 在职党员干部, party members in office */
    PARTY_MEMBER_CADRE,
    /** class 4: 普通党员, party members */
    PARTY_MEMBER,
    /** class 5: 流动及老龄党员, mobile and elderly party members */
    PARTY_MEMBER_MOBILE;

    /** The class by its code ({@code CADRE_MEMBER}) or its number as the seeds count them ({@code C2} is class 2). */
    public static Optional<CadreClass> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.matches("[Cc][1-5]")) {
            return Optional.of(values()[t.charAt(1) - '1']);
        }
        for (CadreClass c : values()) {
            if (c.name().equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

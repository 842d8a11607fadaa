package org.gridgov.event.category;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.problem.Problem;

/**
 * What a category to create or replace must satisfy: its shape (big class or small class under its big class), its
 * urgency, its unchanged kind and code, and the uniqueness of its code. Codes: (kind, code) is unique among the shared
 * categories and each county's own, and a county's category may not take a shared code (nor a shared one a county's).
 */
final class CategoryRules {
    private CategoryRules() {
    }

    /**
     * @param existing the category under this key, or null
     * @param county   the county the category belongs to (null: the shared catalogue)
     */
    static List<Problem.FieldError> check(String key, CategoryRequest r, Category existing, String county) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean big = r.code().length() == 2;
        if (big != (r.parentKey() == null)) {
            errors.add(new Problem.FieldError("parentKey", big ? "a big class (2-digit code) has no parent" : "a small class needs its big class"));
        }
        if (big == key.contains(".")) {
            errors.add(new Problem.FieldError("key", big ? "a big class's key has no dot" : "a small class's key is <big class>.<name>"));
        }
        if (r.urgency() == Category.Urgency.URGENT && r.urgentHours() == null) {
            errors.add(new Problem.FieldError("urgentHours", "an urgent class needs its time limit in hours"));
        }
        if (!big && r.parentKey() != null) {
            parent(key, r, county, errors);
        }
        if (existing != null && (!existing.kind.equals(r.kind().name()) || !existing.code.equals(r.code()))) {
            errors.add(new Problem.FieldError("code", "the kind and code of " + key + " are " + existing.kind + " " + existing.code + " and cannot change"));
        }
        if (existing == null && codeTaken(r, county)) {
            errors.add(new Problem.FieldError("code", r.kind() + " code " + r.code() + " is taken"
                    + (county == null ? "" : " (by the shared catalogue or county " + county + ")")));
        }
        return errors;
    }

    /** the big class: shared, or of the same county */
    private static void parent(String key, CategoryRequest r, String county, List<Problem.FieldError> errors) {
        Category parent = Category.findById(r.parentKey());
        if (parent == null || parent.parentKey != null || !parent.usableIn(county)) {
            errors.add(new Problem.FieldError("parentKey", "no big class " + r.parentKey()
                    + (county == null ? " in the shared catalogue" : " shared or of county " + county)));
            return;
        }
        if (!r.code().startsWith(parent.code)) {
            errors.add(new Problem.FieldError("code", "a small class's code starts with its big class's code " + parent.code));
        }
        if (!parent.kind.equals(r.kind().name())) {
            errors.add(new Problem.FieldError("kind", "the big class " + parent.key + " is " + parent.kind));
        }
        if (!key.startsWith(parent.key + ".")) {
            errors.add(new Problem.FieldError("key", "a small class's key starts with " + parent.key + "."));
        }
    }

    /** a shared code clashes with every county's; a county's with the shared ones and its own county's */
    private static boolean codeTaken(CategoryRequest r, String county) {
        return county == null ? Category.count("kind = ?1 and code = ?2", r.kind().name(), r.code()) > 0
                : Category.count("kind = ?1 and code = ?2 and (county is null or county = ?3)", r.kind().name(), r.code(), county) > 0;
    }
}

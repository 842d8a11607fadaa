package org.gridgov.scoring.ledger;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.rules.Fact;
import org.gridgov.scoring.rules.RuleBook;
import org.gridgov.scoring.rules.RuleVersion;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.access.Counties;
import org.gridgov.scoring.access.Duties;
import org.gridgov.scoring.period.AccountingPeriods;
import org.gridgov.scoring.jdbc.Sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Entries made through the API: daily records of facts, bonuses and penalties, and corrections. */
@ApplicationScoped
public class ManualEntries {
    static final Pattern SUBJECT = Pattern.compile("^(USER|GRID|COMMUNITY|STREET):[A-Za-z0-9._@-]{1,100}$");
    static final Pattern RULE = Pattern.compile("^([a-z0-9-]+)(?:@([0-9]{1,9}))?$");

    /**
     * A daily record (一日一记录) or a manual bonus/penalty.
     *
     * @param rule       {@code manual-bonus@1}, {@code visit-made} (the version in force) ...
     * @param points     only for manual rules: 1 to 10; the rule decides the sign
     * @param occurredAt when it happened; now if absent
     */
    public record RecordRequest(String subject, String rule, Integer points, String reason, List<String> evidence,
            OffsetDateTime occurredAt, String place, String indicator, String sourceRef) {
    }

    public record Recorded(EntryView entry, boolean created) {
    }

    @Inject
    Db db;

    @Inject
    LedgerWriter ledger;

    /** the subject of a request as checked: its type and county (both null when the subject is bad or unknown) */
    private record Target(String subjectType, String county, List<String> evidence) {
    }

    @Transactional
    public Recorded record(RecordRequest r, String recorder, String idempotencyKey) {
        if (r == null) {
            throw ProblemException.invalid("body", "a JSON body is required");
        }
        Duties.checkNotSelf(recorder, r.subject(), "subject");
        return db.inTx(c -> {
            List<FieldError> errors = new ArrayList<>();
            OffsetDateTime now = org.gridgov.common.clock.SuiteClock.now();
            OffsetDateTime at = r.occurredAt() == null ? now : r.occurredAt();
            Target target = checkFields(c, r, now, errors);
            RuleVersion rule = checkRule(c, r, target, at, errors);
            checkIndicator(c, r, target.subjectType(), errors);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            int points = rule.manual() ? (Fact.valueOf(rule.fact()) == Fact.MANUAL_PENALTY ? -r.points() : r.points())
                    : pointsOf(c, rule, r.subject());
            if (points == 0) {
                throw ProblemException.invalid("rule", rule.rule() + " gives no points to " + r.subject());
            }
            String month = openMonth(c, at, target.county());
            return write(c, r, rule, points, month, at, target, recorder, idempotencyKey);
        });
    }

    /** the fields besides the rule and the indicator: occurredAt, subject, reason, place, sourceRef, evidence */
    private static Target checkFields(Connection c, RecordRequest r, OffsetDateTime now, List<FieldError> errors) {
        if (r.occurredAt() != null && r.occurredAt().isAfter(now.plusMinutes(5))) {
            errors.add(new FieldError("occurredAt", "must not be in the future"));
        }
        String subjectType = null;
        String county = null;
        if (r.subject() == null || !SUBJECT.matcher(r.subject()).matches()) {
            errors.add(new FieldError("subject", "required: USER:<id>, GRID:<code>, COMMUNITY:<code> or STREET:<code>"));
        } else if (!LedgerSql.knownSubject(c, r.subject())) {
            errors.add(new FieldError("subject", "unknown subject " + r.subject() + "; register it first (PUT /subjects/{subject})"));
        } else {
            subjectType = LedgerSql.subjectType(r.subject());
            county = Counties.ofSubject(c, r.subject(), null);
        }
        if (r.reason() == null || r.reason().isBlank()) {
            errors.add(new FieldError("reason", "a reason is required"));
        } else if (r.reason().length() > 1000) {
            errors.add(new FieldError("reason", "at most 1000 characters"));
        }
        if (r.place() != null && r.place().length() > 500) {
            errors.add(new FieldError("place", "at most 500 characters"));
        }
        if (r.sourceRef() != null && (r.sourceRef().isBlank() || r.sourceRef().length() > 200)) {
            errors.add(new FieldError("sourceRef", "1 to 200 characters"));
        }
        List<String> evidence = r.evidence() == null ? List.of() : r.evidence();
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i) == null || evidence.get(i).isBlank() || evidence.get(i).length() > 1000) {
                errors.add(new FieldError("evidence[" + i + "]", "a non-blank reference of at most 1000 characters"));
            }
        }
        if (evidence.size() > 20) {
            errors.add(new FieldError("evidence", "at most 20 items"));
        }
        return new Target(subjectType, county, evidence);
    }

    /** the rule version the request names, in force at {@code at} for the subject's county; null (with errors) when it is not */
    private static RuleVersion checkRule(Connection c, RecordRequest r, Target target, OffsetDateTime at, List<FieldError> errors) {
        Matcher m = r.rule() == null ? null : RULE.matcher(r.rule());
        if (m == null || !m.matches()) {
            errors.add(new FieldError("rule", "required: <ruleId> or <ruleId>@<version>, e.g. manual-bonus@1"));
            return null;
        }
        Optional<RuleVersion> found = m.group(2) == null ? RuleBook.inForce(c, m.group(1), at, target.county())
                : RuleBook.find(c, m.group(1), Integer.parseInt(m.group(2)));
        if (found.isEmpty()) {
            errors.add(new FieldError("rule", "rule version " + r.rule() + " does not exist"
                    + (m.group(2) == null ? " (in force at occurredAt)" : "")));
            return null;
        }
        RuleVersion rule = found.get();
        Optional<RuleVersion> current = RuleBook.inForce(c, rule.ruleId(), at, target.county());
        Fact fact = Fact.valueOf(rule.fact());
        if (current.isEmpty() || current.get().version() != rule.version()) {
            errors.add(new FieldError("rule", rule.rule() + " is not in force at " + at
                    + (target.county() == null ? "" : " in county " + target.county()) + current.map(v -> "; " + v.rule() + " is").orElse("")));
        } else if (fact.source() == Fact.Source.LIFECYCLE) {
            errors.add(new FieldError("rule", rule.rule() + " is credited from lifecycle events only"));
        }
        checkRuleUse(r, rule, fact, target, errors);
        return rule;
    }

    /** what the rule asks of the request: the subject's type, the points (manual rules only), evidence */
    private static void checkRuleUse(RecordRequest r, RuleVersion rule, Fact fact, Target target, List<FieldError> errors) {
        String subjectType = target.subjectType();
        if (subjectType != null && !rule.subjectType().equals("ANY") && !rule.subjectType().equals(subjectType)) {
            errors.add(new FieldError("subject", rule.rule() + " scores " + rule.subjectType() + " subjects, not " + subjectType));
        }
        if (fact.manual()) {
            if (r.points() == null || r.points() < 1 || r.points() > 10) {
                errors.add(new FieldError("points", "a bonus or penalty is 1 to 10 points"));
            }
        } else if (r.points() != null) {
            errors.add(new FieldError("points", "the points of " + rule.rule() + " come from the rule; leave points out"));
        }
        if (rule.requiresEvidence() && target.evidence().stream().noneMatch(x -> x != null && !x.isBlank())) {
            errors.add(new FieldError("evidence", rule.rule() + " needs evidence (photo, document or record references)"));
        }
    }

    /** an indicator only for a community of the indicator's kind */
    private static void checkIndicator(Connection c, RecordRequest r, String subjectType, List<FieldError> errors) {
        if (r.indicator() == null) {
            return;
        }
        String kind = Sql.one(c, "select community_kind from indicator where code = ?", rs -> rs.getString(1), r.indicator())
                .orElse(null);
        String subjectKind = r.subject() == null ? null
                : Sql.one(c, "select community_kind from subject where subject = ?", rs -> rs.getString(1), r.subject()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("indicator", "unknown indicator " + r.indicator()));
        } else if (!"COMMUNITY".equals(subjectType)) {
            errors.add(new FieldError("indicator", "indicators score communities and villages only"));
        } else if (!kind.equals(subjectKind)) {
            errors.add(new FieldError("indicator", r.indicator() + " is an indicator of " + kind + " communities; "
                    + r.subject() + " is " + (subjectKind == null ? "of no registered kind" : subjectKind)));
        }
    }

    /** the month of {@code at}, held open against its lock; 409 naming occurredAt when it is locked for the county */
    private static String openMonth(Connection c, OffsetDateTime at, String county) {
        String month = AccountingPeriods.monthOf(at);
        AccountingPeriods.guard(c, month, false);
        if (AccountingPeriods.locked(c, month, county)) {
            throw new ProblemException(409, "Conflict", "period " + month + " is locked after its monthly audit"
                    + (county == null ? "" : " of county " + county) + "; occurredAt must be in an open month",
                    List.of(new FieldError("occurredAt", "period " + month + " is locked")));
        }
        return month;
    }

    /** appends the entry, or finds the one an earlier request with the same Idempotency-Key wrote */
    private Recorded write(Connection c, RecordRequest r, RuleVersion rule, int points, String month, OffsetDateTime at, Target target,
            String recorder, String idempotencyKey) {
        UUID id = UUID.randomUUID();
        String factKey = idempotencyKey == null ? "api:" + id : "key:" + recorder + ":" + idempotencyKey;
        String kind = rule.manual() ? "MANUAL" : "RECORD";
        LedgerSql.NewEntry e = new LedgerSql.NewEntry(r.subject(), points, rule, factKey, "api:" + id,
                r.sourceRef() == null ? id.toString() : r.sourceRef(), month, kind, at, r.place(), r.reason(), target.evidence(),
                r.indicator(), recorder, null, target.county());
        Optional<EntryView> written = LedgerSql.append(c, e);
        if (written.isPresent()) {
            ledger.announce(written.get());
            return new Recorded(written.get(), true);
        }
        EntryView first = Sql.one(c, "select " + EntryView.COLUMNS + " from ledger_entry where rule_id = ? and subject = ? and fact_key = ?",
                EntryView::map, rule.ruleId(), r.subject(), factKey)
                .orElseThrow(() -> ProblemException.conflict("Idempotency-Key " + idempotencyKey + " was used for another entry"));
        return new Recorded(first, false);
    }

    private static int pointsOf(Connection c, RuleVersion rule, String subject) {
        String subjectClass = Sql.one(c, "select class_code from subject where subject = ?", rs -> rs.getString(1), subject).orElse(null);
        Integer p = rule.pointsFor(null, subjectClass);
        return p == null ? 0 : p;
    }

    /** A correction: a new entry that reverses an earlier one, in the first open month from the original's on. */
    @Transactional
    public EntryView reverse(UUID entryId, String reason, String recorder) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "a correction needs a reason");
        }
        return db.inTx(c -> {
            EntryView orig = LedgerSql.entry(c, entryId).orElseThrow(() -> ProblemException.notFound("ledger entry " + entryId));
            Duties.checkNotSelf(recorder, orig.subject(), "id");
            if ("CORRECTION".equals(orig.kind())) {
                throw ProblemException.conflict("entry " + entryId + " is itself a correction");
            }
            if ("REJECTED".equals(orig.status())) {
                throw ProblemException.conflict("entry " + entryId + " was rejected in its audit; it counts nothing to reverse");
            }
            if ("PENDING".equals(orig.status()) && !AccountingPeriods.locked(c, orig.period(), orig.county())) {
                throw ProblemException.conflict("entry " + entryId + " is pending in open period " + orig.period()
                        + "; reject it in the monthly audit instead");
            }
            String ruleId = orig.rule().substring(0, orig.rule().indexOf('@'));
            int version = Integer.parseInt(orig.rule().substring(orig.rule().indexOf('@') + 1));
            RuleVersion rule = RuleBook.find(c, ruleId, version).orElseThrow();
            AccountingPeriods.guard(c, orig.period(), false);
            String period = AccountingPeriods.firstOpenMonth(c, orig.period(), orig.county());
            UUID id = UUID.randomUUID();
            Optional<EntryView> written = LedgerSql.append(c, new LedgerSql.NewEntry(orig.subject(), -orig.points(), rule,
                    "reversal:" + entryId, "api:" + id, orig.sourceRef(), period, "CORRECTION", org.gridgov.common.clock.SuiteClock.now(),
                    null, reason, List.of(), orig.indicator(), recorder, entryId, orig.county()));
            EntryView w = written.orElseThrow(() -> ProblemException.conflict("entry " + entryId + " has already been reversed"));
            ledger.announce(w);
            return w;
        });
    }
}

package org.gridgov.event.open311;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.category.Category;
import org.gridgov.event.config.Open311Config;
import org.gridgov.event.lifecycle.ReportIntake;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.Intake;
import org.gridgov.event.lifecycle.IntakeBatcher;
import org.gridgov.event.open311.client.ClientApps;
import org.gridgov.event.open311.contact.ResidentContact;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Open311 GeoReport v2 mapped onto the category catalogue and the event lifecycle. A service is a
 * reportable small class ({@link ServiceCatalogue}); a service request is an event reported through
 * the single intake path with channel {@code OPEN311}, posted by a registered client application
 * ({@code api_key}, {@link ClientApps}) or by a signed-in user (JWT). The protocol check is
 * {@link SubmissionCheck}, the reads {@link RequestQuery}, what a reader sees {@link PrivacyRule}.
 */
@ApplicationScoped
public class Open311 {
    public static final org.gridgov.common.contract.Channel CHANNEL = org.gridgov.common.contract.Channel.OPEN311;
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    @Inject
    Intake intake;

    @Inject
    IntakeBatcher batcher;

    @Inject
    ServiceCatalogue catalogue;

    @Inject
    ClientApps clients;

    @Inject
    ResidentContact contacts;

    @Inject
    PrivacyRule privacy;

    @Inject
    SecurityIdentity caller;

    @Inject
    Open311Config config;

    /** A submission as sent, under the Open311 names; {@code attributes}: {@code attribute[code]} → values. */
    public record Submission(String serviceCode, String lat, String lon, String addressString, String description, String mediaUrl,
            String email, String phone, String firstName, String lastName, Map<String, List<String>> attributes) {
    }

    /** What is hashed for idempotency: what is kept of the report; contact fields are never part of it. */
    record Kept(String serviceCode, String lat, String lon, String addressString, String description, String mediaUrl,
            Map<String, List<String>> attributes) {
    }

    /** Who posts: a registered application (then {@code app} is set) or a signed-in user. */
    record Poster(String reporter, ClientApps.ClientApp app) {
    }

    /**
     * {@code jurisdiction_id} may be left out or be this endpoint's ({@code gridgov.open311.jurisdiction-id}): the whole
     * deployment; or the code (6 digits) of one of its counties (one with grids or its own categories): that county.
     * Anything else is refused.
     *
     * @return the county named, or null for the whole deployment
     */
    public String jurisdiction(String jurisdictionId) {
        String j = SubmissionCheck.blankToNull(jurisdictionId);
        if (j == null || j.equals(config.jurisdictionId())) {
            return null;
        }
        if (j.matches("[0-9]{6}") && catalogue.knownCounty(j)) {
            return j;
        }
        throw ProblemException.invalid("jurisdiction_id", "this endpoint serves jurisdiction_id " + config.jurisdictionId()
                + " or the code (6 digits) of one of its counties, not '" + ServiceCatalogue.abbreviate(j) + "'");
    }

    /** the shared services, and the county's own when a county is named */
    public List<Open311Views.Service> services(String county) {
        return catalogue.services(county);
    }

    /** one service; another county's than the one named is unknown there */
    public Open311Views.ServiceDefinition definition(String code, String county) {
        return catalogue.definition(code, county);
    }

    public Open311Views.Discovery discovery(String calledUrl) {
        String url = config.publicUrl().orElse(calledUrl);
        return new Open311Views.Discovery(config.changeset(), config.contact(), config.keyService(), List.of(new Open311Views.Endpoint(SPECIFICATION,
                url, config.changeset(), "production", List.of("text/xml", "application/json"))));
    }

    /**
     * Files the request through intake's group commit ({@link IntakeBatcher}); answers once it is committed. With an
     * {@code api_key} the reporter is the application ({@code open311:<code>}) and the resident's contact is kept
     * encrypted; with a JWT the reporter is the token's user and the contact fields are dropped.
     */
    public ReportIntake.Reported submit(Submission s, String apiKey, String idempotencyKey) {
        Poster poster = poster(apiKey);
        Map<String, List<String>> attributes = s.attributes() == null ? Map.of() : new TreeMap<>(s.attributes());
        SubmissionCheck.Checked c = SubmissionCheck.check(s, attributes, catalogue, idempotencyKey);
        String text = c.description();
        if (text == null) {
            Category category = catalogue.byKey().get(c.serviceCode());
            text = "(Open311 request without description: " + (category == null ? c.serviceCode() : category.nameZh) + ")";
        }
        if (c.media() != null) {
            // no size or checksum is known for a remote medium, so it is no evidence; the operator sees the link
            text = text + "\n[media_url] " + c.media();
        }
        text = text + c.attributeLines();
        String sealed = poster.app() == null ? null : contacts.seal(c.contact());
        String hash = intake.hash(new Kept(s.serviceCode(), s.lat(), s.lon(), s.addressString(), s.description(), s.mediaUrl(), attributes));
        try {
            return batcher.submit(new ReportIntake.Submission(new ReportIntake.NewReport(c.serviceCode(), text, c.lat(), c.lon(),
                    c.address(), CHANNEL, poster.reporter(), SubmissionCheck.blankToNull(idempotencyKey), hash, null, null, null, null, null),
                    poster.app() == null ? null : e -> {
                        e.open311Client = poster.app().code();
                        e.open311ContactEnc = sealed;
                    }, null));
        } catch (ProblemException e) {
            throw SubmissionCheck.translate(e);
        }
    }

    private Poster poster(String apiKey) {
        if (SubmissionCheck.blankToNull(apiKey) != null) {
            ClientApps.ClientApp app = clients.admit(apiKey.strip());
            return new Poster("open311:" + app.code(), app);
        }
        if (caller.isAnonymous()) {
            throw new ProblemException(401, "api_key required", "api_key: required (a registered application's key), or sign in with a JWT", null);
        }
        if (!(caller.hasRole("resident") || caller.hasRole("grid_worker") || caller.hasRole("operator") || caller.hasRole("admin"))) {
            throw ProblemException.forbidden("only residents, grid workers, operators and admins post Open311 requests with a JWT");
        }
        return new Poster(caller.getPrincipal().getName(), null);
    }

    public List<Open311Views.ServiceRequest> requests(RequestQuery.Filters filters) {
        List<EventRecord> found = RequestQuery.find(filters);
        Map<String, Category> categories = catalogue.byKey();
        return found.stream().map(e -> privacy.view(e, categories)).toList();
    }

    public Open311Views.ServiceRequest request(String id) {
        return privacy.view(RequestQuery.one(id), catalogue.byKey());
    }

    /** A notice for the reporter about what became of the request. */
    static String notice(EventRecord e) {
        return switch (e.status) {
            case REPORTED -> "已收到，等待指挥中心立案 (received; the command centre will accept it or not)";
            case MERGED -> "与已有报告重复，已合并 (duplicate of " + e.mergedInto + ", followed there)";
            case REJECTED -> "不予立案 (not accepted): " + e.rejectReason;
            case CLOSED -> "已办结 (closed)";
            default -> "已立案 (accepted)";
        };
    }
}

package org.gridgov.common.clock;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** Reads the suite's time, and moves it where the deployment allows it (replays, tests). */
@Path("/admin/clock")
@Tag(name = "Clock", description = "The suite's time (moved only by replays and tests)")
@RolesAllowed("admin")
public class ClockResource {

    public record ClockView(OffsetDateTime now, long offsetSeconds, boolean adjustable) {
    }

    public record SetClock(@NotNull OffsetDateTime now) {
    }

    @Inject
    ClockConfig config;

    @GET
    @Operation(summary = "The suite's time and how far it is from the system clock")
    public ClockView get() {
        return view();
    }

    @PUT
    @Operation(summary = "Sets the suite's time (refused unless gridgov.clock.adjustable)")
    public ClockView set(@NotNull @jakarta.validation.Valid SetClock body) {
        adjustable();
        SuiteClock.setNow(body.now().toInstant());
        return view();
    }

    @DELETE
    @Operation(summary = "Back to the system clock")
    public ClockView reset() {
        adjustable();
        SuiteClock.reset();
        return view();
    }

    private void adjustable() {
        if (!config.adjustable()) {
            throw ProblemException.forbidden("the clock of this deployment cannot be moved (gridgov.clock.adjustable is false)");
        }
    }

    private ClockView view() {
        return new ClockView(SuiteClock.now(), SuiteClock.offset().toSeconds(), config.adjustable());
    }
}

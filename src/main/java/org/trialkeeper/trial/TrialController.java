package org.trialkeeper.trial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.WriteAnswers;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Memberships;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.audit.AuditView;

import java.net.URI;
import java.util.List;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/trials")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Trials")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
record TrialController(TrialService trials, Memberships memberships, AuditTrail audit) {

    static final String YAML = "application/yaml";

    @Post
    @WriteAnswers
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Permit(Role.ADMIN)
    @Status(HttpStatus.CREATED)
    @ProtocolBody
    @Operation(summary = "Register a trial from a protocol (YAML or JSON); it starts as DRAFT")
    HttpResponse<TrialView> register(@Parameter(hidden = true) Actor actor, @Parameter(hidden = true) @Body @Nullable String protocol, @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
        TrialView trial = trials.register(actor, new ProtocolSource(protocol, mediaType(contentType)));
        return HttpResponse.created(trial, URI.create("/api/trials/" + trial.id()));
    }

    @Get
    @Permit(signedIn = true)
    @Operation(summary = "The trials you are a member of (every trial, for an administrator)")
    List<TrialView> list(@Parameter(hidden = true) Actor actor) {
        return actor.admin() ? trials.list() : trials.list(memberships.trialsOf(actor.userId()));
    }

    @Get("/{trialId}")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "One trial")
    TrialView find(@PathVariable long trialId) {
        return trials.withPlan(trialId);
    }

    @Get("/{trialId}/protocol")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The trial's current protocol, as validated")
    Protocol protocol(@PathVariable long trialId) {
        return trials.protocol(trialId);
    }

    @Get(value = "/{trialId}/protocol/source", produces = {YAML, MediaType.APPLICATION_JSON})
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The current protocol exactly as it was submitted")
    HttpResponse<String> source(@PathVariable long trialId) {
        ProtocolSource source = trials.source(trialId);
        return HttpResponse.ok(source.text()).contentType(source.mediaType());
    }

    @Put("/{trialId}/protocol")
    @WriteAnswers
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    @ProtocolBody
    @Operation(summary = "Amend the protocol: stores a new version and keeps the old ones")
    TrialView amend(@Parameter(hidden = true) Actor actor, @PathVariable long trialId, @Parameter(hidden = true) @Body @Nullable String protocol,
                    @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Nullable @QueryValue String reason) {
        return trials.amend(actor, trialId, new ProtocolSource(protocol, mediaType(contentType)), reason);
    }

    @Get("/{trialId}/protocol/versions")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "Every version of the trial's protocol")
    List<ProtocolVersionView> versions(@PathVariable long trialId) {
        return trials.versions(trialId);
    }

    @Get("/{trialId}/protocol/versions/{version}")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "One version of the trial's protocol")
    Protocol version(@PathVariable long trialId, @PathVariable int version) {
        return trials.protocolVersion(trialId, version);
    }

    @Post("/{trialId}/status")
    @WriteAnswers
    @Permit({Role.ADMIN, Role.INVESTIGATOR})
    @Operation(summary = "Move the trial one step forwards: DRAFT, RECRUITING, FOLLOW_UP, LOCKED")
    TrialView changeStatus(@Parameter(hidden = true) Actor actor, @PathVariable long trialId, @Body @Nullable StatusChange change) {
        return trials.changeStatus(actor, trialId, change == null ? null : change.status());
    }

    /** An investigator sees allocation-revealing values only once the trial is locked. */
    @Get("/{trialId}/audit{?afterSeq}")
    @Tag(name = "Audit")
    @Permit({Role.ADMIN, Role.INVESTIGATOR})
    @Operation(summary = "The trial's audit records after afterSeq (default 0), oldest first, 500 at a time")
    List<AuditView> trialRecords(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                 @QueryValue(defaultValue = "0") long afterSeq) {
        boolean locked = trials.find(trialId).status() == TrialStatus.LOCKED;
        boolean maySeeAllocations = actor.admin() || locked;
        return audit.trialRecords(trialId, afterSeq, maySeeAllocations);
    }

    private static String mediaType(String contentType) {
        return MediaType.of(contentType).getName().startsWith(MediaType.APPLICATION_JSON) ? MediaType.APPLICATION_JSON : YAML;
    }
}

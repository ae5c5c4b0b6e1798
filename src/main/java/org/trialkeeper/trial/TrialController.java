package org.trialkeeper.trial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.protocol.Protocol;

import java.net.URI;
import java.util.List;

@Controller("/api/trials")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Trials")
class TrialController {

    static final String YAML = "application/yaml";

    private final TrialService trials;

    TrialController(TrialService trials) {
        this.trials = trials;
    }

    @Post
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Operation(summary = "Register a trial from a protocol (YAML or JSON); it starts as DRAFT")
    HttpResponse<TrialView> register(@Body @Nullable String protocol, @Header(HttpHeaders.CONTENT_TYPE) String contentType) {
        TrialView trial = trials.register(new ProtocolSource(protocol, mediaType(contentType)));
        return HttpResponse.created(trial, URI.create("/api/trials/" + trial.id()));
    }

    @Get
    @Operation(summary = "List trials")
    List<TrialView> list() {
        return trials.list();
    }

    @Get("/{id}")
    @Operation(summary = "One trial")
    TrialView find(@PathVariable long id) {
        return trials.find(id);
    }

    @Get("/{id}/protocol")
    @Operation(summary = "The trial's current protocol, as validated")
    Protocol protocol(@PathVariable long id) {
        return trials.protocol(id);
    }

    @Get(value = "/{id}/protocol/source", produces = {YAML, MediaType.APPLICATION_JSON})
    @Operation(summary = "The current protocol exactly as it was submitted")
    HttpResponse<String> source(@PathVariable long id) {
        ProtocolSource source = trials.source(id);
        return HttpResponse.ok(source.text()).contentType(source.mediaType());
    }

    @Put("/{id}/protocol")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Operation(summary = "Amend the protocol: stores a new version and keeps the old ones")
    TrialView amend(@PathVariable long id, @Body @Nullable String protocol,
                    @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Nullable @QueryValue String reason) {
        return trials.amend(id, new ProtocolSource(protocol, mediaType(contentType)), reason);
    }

    @Get("/{id}/protocol/versions")
    @Operation(summary = "Every version of the trial's protocol")
    List<ProtocolVersionView> versions(@PathVariable long id) {
        return trials.versions(id);
    }

    @Get("/{id}/protocol/versions/{version}")
    @Operation(summary = "One version of the trial's protocol")
    Protocol version(@PathVariable long id, @PathVariable int version) {
        return trials.protocolVersion(id, version);
    }

    @Post("/{id}/status")
    @Operation(summary = "Move the trial one step forwards: DRAFT, RECRUITING, FOLLOW_UP, LOCKED")
    TrialView changeStatus(@PathVariable long id, @Body StatusChange change) {
        return trials.changeStatus(id, change.status());
    }

    private static String mediaType(String contentType) {
        return MediaType.of(contentType).getName().startsWith(MediaType.APPLICATION_JSON) ? MediaType.APPLICATION_JSON : YAML;
    }
}

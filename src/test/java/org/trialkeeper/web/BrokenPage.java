package org.trialkeeper.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import org.trialkeeper.access.Permit;

import java.util.Map;

/** A page whose template fails, present only in the test that asks for it. */
@Controller("/app/broken")
@Requires(property = "trialkeeper.test.broken-page", value = "true")
@Produces(MediaType.TEXT_HTML)
class BrokenPage {

    @Get
    @Permit(anonymous = true)
    HttpResponse<?> broken() {
        return Pages.page("broken", Map.of());
    }
}

package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.trial.ProtocolSource;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialView;

import java.util.Map;

/**
 * The administrator's pages of trials: registration from a protocol file (or its text), a trial's
 * protocol versions, and amendments with their reason. A refused protocol comes back in the form
 * as it was sent, with every broken rule by the path of its field.
 */
@Controller(Pages.ROOT + "/admin/trials")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record TrialAdminPages(WebSession session, TrialService trials) {

    @Get
    @Permit(Role.ADMIN)
    HttpResponse<?> trialsPage(HttpRequest<?> request, @Parameter(hidden = true) Actor actor) {
        return Pages.page("admin-trials", listModel(request, actor, "", FormErrors.NONE));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Permit(Role.ADMIN)
    HttpResponse<?> register(HttpRequest<?> request, @Parameter(hidden = true) Actor actor,
                             @Part(WebSession.FIELD) @Nullable String csrf, @Part("file") @Nullable CompletedFileUpload file,
                             @Part("protocol") @Nullable String typed) {
        requireCsrf(request, csrf);
        ProtocolSource source = ProtocolUpload.of(file, typed);
        try {
            TrialView trial = trials.register(actor, source);
            return Pages.redirect(Pages.ROOT + "/admin/trials/" + trial.id() + "?done=registered");
        } catch (ProblemException refused) {
            FormErrors errors = FormErrors.of(refused, field -> "protocol");
            return Pages.page(Pages.status(refused), "admin-trials", listModel(request, actor, source.text(), errors));
        }
    }

    @Get("/{trialId}")
    @Permit(Role.ADMIN)
    HttpResponse<?> trialPage(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                              @QueryValue @Nullable String done) {
        Map<String, Object> model = trialModel(request, actor, trialId, "", trials.source(trialId).text(), FormErrors.NONE);
        model.put("done", doneSentence(done, (TrialView) model.get("trial")));
        return Pages.page("admin-trial", model);
    }

    @Post(value = "/{trialId}/protocol", consumes = MediaType.MULTIPART_FORM_DATA)
    @Permit(Role.ADMIN)
    HttpResponse<?> amend(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                          @Part(WebSession.FIELD) @Nullable String csrf, @Part("reason") @Nullable String reason,
                          @Part("file") @Nullable CompletedFileUpload file, @Part("protocol") @Nullable String typed) {
        requireCsrf(request, csrf);
        ProtocolSource source = ProtocolUpload.of(file, typed);
        try {
            trials.amend(actor, trialId, source, reason);
            return Pages.redirect(Pages.ROOT + "/admin/trials/" + trialId + "?done=amended");
        } catch (ProblemException refused) {
            FormErrors errors = FormErrors.of(refused, field -> "reason".equals(field) ? "reason" : "protocol");
            HttpStatus status = Pages.status(refused);
            return Pages.page(status, "admin-trial", trialModel(request, actor, trialId, reason, source.text(), errors));
        }
    }

    private void requireCsrf(HttpRequest<?> request, @Nullable String csrf) {
        if (!session.validCsrf(request, csrf)) {
            throw new Pages.CsrfException();
        }
    }

    private Map<String, Object> listModel(HttpRequest<?> request, Actor actor, String protocol, FormErrors errors) {
        Map<String, Object> model = Pages.model(request, session, actor, "Trials");
        model.put("trials", trials.list());
        model.put("protocol", protocol);
        model.put("formErrors", errors);
        model.put("errors", errors.general());
        return model;
    }

    private Map<String, Object> trialModel(HttpRequest<?> request, Actor actor, long trialId, @Nullable String reason,
                                           String protocol, FormErrors errors) {
        TrialView trial = trials.find(trialId);
        Map<String, Object> model = Pages.model(request, session, actor, trial.shortName());
        model.put("trial", trial);
        model.put("versions", trials.versions(trialId));
        model.put("amendable", trial.status() != TrialStatus.LOCKED);
        model.put("reasonRequired", trial.status().protocolFrozen());
        model.put("next", StatusSteps.from(trial.status()).orElse(null));
        model.put("reason", reason == null ? "" : reason);
        model.put("protocol", protocol);
        model.put("formErrors", errors);
        model.put("errors", errors.general());
        return model;
    }

    /** What the page says after a change that led to it; nothing for any other value. */
    private static String doneSentence(@Nullable String done, TrialView trial) {
        if ("registered".equals(done)) {
            return "Registered " + trial.shortName() + " as " + trial.status() + " (protocol version "
                    + trial.protocolVersion() + ")";
        }
        if ("amended".equals(done)) {
            return "Amended the protocol: version " + trial.protocolVersion() + " is now current";
        }
        if ("moved".equals(done)) {
            return trial.shortName() + " is now " + trial.status();
        }
        return null;
    }
}

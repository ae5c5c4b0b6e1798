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
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.assessment.ImportEntry;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.trial.TrialService;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** The assessor's import of a CSV file of item responses: all rows or none, every bad row listed. */
@Controller(Pages.ROOT + "/trials/{trialId}/import")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record ImportPages(WebSession session, TrialService trials, ImportEntry imports) {

    @Get
    @Permit(Role.ASSESSOR)
    HttpResponse<?> form(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return Pages.page("import", model(request, actor, trialId));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Permit(Role.ASSESSOR)
    HttpResponse<?> upload(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                           @Part("_csrf") @Nullable String csrf, @Part("file") @Nullable CompletedFileUpload file) {
        if (!session.validCsrf(request, csrf)) {
            throw new Pages.CsrfException();
        }
        Map<String, Object> model = model(request, actor, trialId);
        try {
            AssessmentService.Imported imported = imports.importCsv(actor, trialId, text(file));
            model.put("imported", imported);
            return Pages.page(HttpStatus.CREATED, "import", model);
        } catch (ProblemException refused) {
            model.put("errors", Pages.errors(refused));
            return Pages.page(Pages.status(refused), "import", model);
        }
    }

    private Map<String, Object> model(HttpRequest<?> request, Actor actor, long trialId) {
        Map<String, Object> model = Pages.model(request, session, actor, "Import assessments");
        model.put("trial", trials.find(trialId));
        model.put("columns", List.of("participant", "timepoint", "instrument", "item", "value", "guess"));
        return model;
    }

    /** The file's text, which must be UTF-8. */
    private static String text(@Nullable CompletedFileUpload file) {
        if (file == null || file.getSize() == 0) {
            throw ProblemException.invalidRequest("file", "required", "choose a CSV file of item responses");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidRequest("file", "encoding", "must be text in UTF-8");
        } catch (IOException e) {
            throw ProblemException.invalidRequest("file", "required", "could not be read; choose it again");
        }
    }
}

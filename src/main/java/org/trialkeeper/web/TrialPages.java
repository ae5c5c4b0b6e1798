package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.assessment.WorklistEntry;
import org.trialkeeper.participant.ParticipantView;
import org.trialkeeper.followup.ProgressService;
import org.trialkeeper.participant.ParticipantSearch;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.followup.RecruitmentCurve;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.reads.Page;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.report.ReportService;
import org.trialkeeper.report.Wording;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialView;
import org.trialkeeper.unblinding.EmergencyUnblinding;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.stream.IntStream;

import java.util.List;
import java.util.Map;

/** The list of a user's trials, and each trial's page for the role the user holds in it. */
@Controller(Pages.ROOT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record TrialPages(WebSession session, TrialService trials, UserService users, ParticipantService participants,
                  AssessmentService assessments, ProgressService progress, ReportService reports,
                  EmergencyUnblinding unblinding, ReadLimit reads, RecruitmentCurve recruitment, Clock clock) {

    /** One row of the trial list: the trial and the roles the user holds in it. */
    public record Row(TrialView trial, String roles) {
    }

    @Get
    @Permit(signedIn = true)
    HttpResponse<?> trials(HttpRequest<?> request, @Parameter(hidden = true) Actor actor) {
        List<Row> rows = new ArrayList<>();
        if (actor.admin()) {
            trials.list().forEach(t -> rows.add(new Row(t, "ADMIN")));
        } else {
            for (TrialView trial : trials.list(users.trialsOf(actor.userId()))) {
                rows.add(new Row(trial, String.join(", ", users.rolesIn(actor.userId(), trial.id()).stream()
                        .map(Role::name).toList())));
            }
        }
        Map<String, Object> model = Pages.model(request, session, actor, "Your trials");
        model.put("rows", rows);
        return Pages.page("trials", model);
    }

    @Get("/trials/{trialId}")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    HttpResponse<?> trial(HttpRequest<?> request, @Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                          @QueryValue @Nullable String after, @QueryValue @Nullable String code,
                          @QueryValue @Nullable String site, @QueryValue @Nullable String status,
                          @QueryValue @Nullable String sort) {
        TrialView trial = trials.find(trialId);
        Map<String, Object> model = Pages.model(request, session, actor, trial.shortName());
        model.put("trial", trial);
        model.put("role", actor.role().name());
        model.put("screened", request.getParameters().get("screened"));
        model.put("screenedStatus", request.getParameters().get("status"));
        boolean unblindable = actor.role() != Role.ASSESSOR && unblinding.permittingRole(actor, trialId).isPresent();
        model.put("unblinding", unblindable);
        switch (actor.role()) {
            case ASSESSOR -> {
                Page<WorklistEntry> due = assessments.worklist(trialId, after == null ? "" : after, Page.DEFAULT_LIMIT);
                model.put("worklist", due.items());
                model.put("nextAfter", due.after());
                model.put("instrumentNames", trials.protocol(trialId).instruments().stream()
                        .collect(java.util.stream.Collectors.toMap(Instrument::id, Instrument::name)));
            }
            case COORDINATOR -> {
                model.put("progress", progress.progress(actor, trialId));
                ParticipantSearch search = ParticipantSearch.of(code, site, status, sort);
                Page<ParticipantView> listed = participants.search(trialId, search, after == null ? "" : after,
                        Page.DEFAULT_LIMIT);
                model.put("participants", listed.items());
                model.put("nextAfter", listed.after());
                model.put("search", search);
                model.put("sites", trials.protocol(trialId).sites());
                model.put("statuses", ParticipantStatus.values());
                model.put("sessionNumbers", sessionNumbers(trials.protocol(trialId)));
            }
            default -> {
                if (actor.role() != Role.STATISTICIAN) {
                    model.put("progress", progress.progress(actor, trialId));
                }
                model.put("locked", trial.status() == TrialStatus.LOCKED);
                if (unblindable) {
                    Page<ParticipantView> listed = participants.list(trialId, afterId(after), Page.DEFAULT_LIMIT);
                    model.put("randomised", listed.items().stream().filter(p -> p.status().randomised()).toList());
                    model.put("nextAfter", listed.after());
                }
            }
        }
        return Pages.page("trial", model);
    }

    /** A page of participants starts after the id the previous page ended with; anything else starts from the first. */
    private static long afterId(@Nullable String after) {
        try {
            return after == null ? 0 : Math.max(0, Long.parseLong(after));
        } catch (NumberFormatException notAnId) {
            return 0;
        }
    }

    /** The sessions a register can be kept for: none when no arm has sessions during the trial. */
    private static List<Integer> sessionNumbers(Protocol protocol) {
        boolean withSessions = protocol.arms().stream().anyMatch(a -> a.role() == ArmRole.INTERVENTION && !a.waitlist());
        return withSessions ? IntStream.rangeClosed(1, protocol.intervention().sessions()).boxed().toList() : List.of();
    }

    @Get("/trials/{trialId}/recruitment.svg")
    @Produces("image/svg+xml")
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    HttpResponse<String> recruitment(@PathVariable long trialId) {
        Protocol protocol = trials.protocol(trialId);
        return HttpResponse.ok(RecruitmentChart.draw(reads.inTurn(() -> recruitment.days(trialId)),
                protocol.targetSampleSize(), LocalDate.now(clock.withZone(ZoneOffset.UTC)))).contentType("image/svg+xml");
    }

    @Get("/trials/{trialId}/consort.svg")
    @Produces("image/svg+xml")
    @Permit({Role.ADMIN, Role.INVESTIGATOR, Role.STATISTICIAN})
    HttpResponse<String> consort(@PathVariable long trialId) {
        return HttpResponse.ok(ConsortSvg.draw(reads.inTurn(() -> reports.report(trialId, Wording.CONSORT_2025, false)).boxes()))
                .contentType("image/svg+xml");
    }

}

package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditFilter;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.audit.AuditVerification;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialView;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit trail for administrators: the verification of every hash chain, then the records
 * newest first, a hundred to a page, each record's values read as changes (field: before, after),
 * filtered by trial, user, action and the days they were written.
 */
@Controller(Pages.ROOT + "/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
record AuditPages(WebSession session, AuditTrail audit, ReadLimit reads, TrialService trials, UserService users,
                  JsonMapper json) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A record as the page shows it: when, in UTC to the second, and its values as changes. */
    public record Entry(AuditView record, String when, List<AuditChanges.Change> changes) {
    }

    @Get
    @Permit(Role.ADMIN)
    HttpResponse<?> auditPage(HttpRequest<?> request, @Parameter(hidden = true) Actor actor,
                              @QueryValue @Nullable String trial, @QueryValue @Nullable String user,
                              @QueryValue @Nullable String action, @QueryValue @Nullable String from,
                              @QueryValue @Nullable String to, @QueryValue @Nullable Long before) {
        AuditQuery query = new AuditQuery(trial, user, action, from, to);
        Map<String, Object> model = Pages.model(request, session, actor, "Audit trail");
        AuditVerification verification = reads.inTurn(audit::verify);
        model.put("verification", verification);
        model.put("total", verification.recordsChecked());
        model.put("query", query);
        List<TrialView> all = trials.list();
        model.put("trials", all);
        model.put("trialNames", all.stream().collect(Collectors.toMap(TrialView::id, TrialView::shortName)));
        model.put("users", users.list());
        AuditFilter filter;
        try {
            filter = query.filter();
        } catch (ProblemException refused) {
            FormErrors errors = FormErrors.of(refused, AuditQuery::formField);
            model.put("formErrors", errors);
            model.put("errors", errors.general());
            model.put("records", List.of());
            return Pages.page(Pages.status(refused), "audit", model);
        }
        model.put("formErrors", FormErrors.NONE);
        // a page at a time, newest first: the trail may hold millions of records
        List<AuditView> page = reads.inTurn(() -> audit.newest(filter, before == null || before < 1 ? Long.MAX_VALUE : before));
        model.put("records", page.stream().map(this::entry).toList());
        model.put("filtered", !filter.any());
        model.put("newest", before == null ? null : query.link(null));
        model.put("older", page.size() < 100 || page.get(page.size() - 1).seq() <= 1 ? null
                : query.link(page.get(page.size() - 1).seq()));
        return Pages.page("audit", model);
    }

    private Entry entry(AuditView record) {
        return new Entry(record, WHEN.format(record.recordedAt()),
                AuditChanges.between(record.entity(), value(record.before()), value(record.after())));
    }

    /** A stored value as read from its JSON; a value that is not JSON (one withheld from the reader) as it stands. */
    private Object value(@Nullable String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Argument.OBJECT_ARGUMENT);
        } catch (IOException | RuntimeException notJson) {
            return stored;
        }
    }
}

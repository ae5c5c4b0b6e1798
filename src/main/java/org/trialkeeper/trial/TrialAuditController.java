package org.trialkeeper.trial;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.audit.AuditView;

import java.util.List;

/** One trial's part of the audit trail, shown as the trial's status allows. */
@Controller("/api/trials")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class TrialAuditController {

    private final AuditTrail audit;
    private final TrialService trials;

    TrialAuditController(AuditTrail audit, TrialService trials) {
        this.audit = audit;
        this.trials = trials;
    }

    /** An investigator sees allocation-revealing values only once the trial is locked. */
    @Get("/{trialId}/audit{?afterSeq}")
    @Permit({Role.ADMIN, Role.INVESTIGATOR})
    @Operation(summary = "The trial's audit records after afterSeq (default 0), oldest first, 500 at a time")
    List<AuditView> trialRecords(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                 @QueryValue(defaultValue = "0") long afterSeq) {
        boolean locked = trials.find(trialId).status() == TrialStatus.LOCKED;
        boolean maySeeAllocations = actor.admin() || locked;
        return audit.trialRecords(trialId, afterSeq, maySeeAllocations);
    }
}

package org.trialkeeper.audit;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.security.Actor;
import org.trialkeeper.security.Permit;
import org.trialkeeper.security.Role;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class AuditController {

    private final AuditTrail audit;
    private final TrialService trials;

    AuditController(AuditTrail audit, TrialService trials) {
        this.audit = audit;
        this.trials = trials;
    }

    @Get("/audit{?afterSeq}")
    @Permit(Role.ADMIN)
    @Operation(summary = "Every audit record after afterSeq (default 0), oldest first, 500 at a time")
    List<AuditView> records(@QueryValue(defaultValue = "0") long afterSeq) {
        return audit.records(afterSeq);
    }

    @Get("/audit/verify")
    @Permit(Role.ADMIN)
    @Operation(summary = "Walk the hash chain and name the first record altered, inserted or removed")
    AuditVerification verify() {
        return audit.verify();
    }

    /** An investigator sees allocation-revealing values only once the trial is locked. */
    @Get("/trials/{trialId}/audit{?afterSeq}")
    @Permit({Role.ADMIN, Role.INVESTIGATOR})
    @Operation(summary = "The trial's audit records after afterSeq (default 0), oldest first, 500 at a time")
    List<AuditView> trialRecords(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                                 @QueryValue(defaultValue = "0") long afterSeq) {
        boolean locked = trials.find(trialId).status() == TrialStatus.LOCKED;
        boolean maySeeAllocations = actor.admin() || locked;
        return audit.trialRecords(trialId, afterSeq, maySeeAllocations);
    }
}

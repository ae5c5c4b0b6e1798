package org.trialkeeper.audit;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;

import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class AuditController {

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
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
}

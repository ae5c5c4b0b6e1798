package org.trialkeeper.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.reads.ReadLimit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.trialkeeper.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
record AuditController(AuditTrail audit, ReadLimit reads) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    @Get("/audit{?afterSeq}")
    @Permit(Role.ADMIN)
    @Operation(summary = "Every audit record numbered after afterSeq (default 0), in the order written, 500 at a time")
    List<AuditView> records(@QueryValue(defaultValue = "0") long afterSeq) {
        return audit.records(afterSeq);
    }

    @Get("/audit/verify{?chain,anchorSeq,anchorHash}")
    @Permit(Role.ADMIN)
    @Operation(summary = "Walk every chain and name the first chain and record altered, inserted, moved or removed;"
            + " given an anchor published earlier (anchorSeq and anchorHash, both or neither, and the anchor's chain if"
            + " it names one), say whether that chain still passes through it")
    AuditVerification verify(@Nullable @QueryValue String chain, @Nullable @QueryValue Long anchorSeq,
                             @Nullable @QueryValue String anchorHash) {
        AuditAnchor anchor = anchor(chain, anchorSeq, anchorHash);
        return reads.inTurn(() -> audit.verify(anchor));
    }

    private static AuditAnchor anchor(String chain, Long seq, String hash) {
        if (chain == null && seq == null && hash == null) {
            return null;
        }
        List<Violation> violations = new ArrayList<>();
        if (chain != null && !ChainNames.valid(chain)) {
            violations.add(new Violation("chain", "pattern", "legacy, service or trial-<id>, as the anchor names it"));
        }
        if (seq == null || seq < 1) {
            violations.add(new Violation("anchorSeq", seq == null ? "required" : "min", "a record number from 1"));
        }
        if (hash == null || !HASH.matcher(hash).matches()) {
            violations.add(new Violation("anchorHash", hash == null ? "required" : "pattern", "64 lower-case hex digits"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return new AuditAnchor(chain, seq, hash);
    }
}

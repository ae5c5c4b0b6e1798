package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.SerdeImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.scheme.Diagnostics;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Permit;
import org.trialkeeper.access.Role;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.trial.TrialService;

import java.util.concurrent.CompletableFuture;
import org.trialkeeper.problem.ProblemAnswers;
import org.trialkeeper.problem.StateAnswers;
import org.trialkeeper.problem.WriteAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@SerdeImport(Diagnostics.Result.class)
@Controller("/api/trials/{trialId}")
@ProblemAnswers
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "session")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Randomisation")
record RandomisationController(RandomisationService randomisation, SequenceAudit sequences,
                               AllocationIntegrity integrity, TrialService trials, DiagnosticsRuns diagnostics,
                               ReceiptCheck receipts, ReadLimit reads) {

    static final int MAX_SIMULATIONS = 20_000;

    @Post("/participants/{participantId}/randomisation")
    @WriteAnswers
    @Permit(Role.COORDINATOR)
    @Operation(summary = "Randomise an enrolled participant; a retry with the same Idempotency-Key answers the same allocation")
    AllocationView randomise(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                             @PathVariable long participantId,
                             @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return randomisation.randomise(actor, trialId, participantId, idempotencyKey);
    }

    @Get("/participants/{participantId}/randomisation")
    @StateAnswers
    @Permit({Role.ADMIN, Role.COORDINATOR})
    @Operation(summary = "A participant's allocation; the read is audited")
    AllocationView allocation(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                              @PathVariable long participantId) {
        return randomisation.allocation(actor, trialId, participantId);
    }

    @Post("/participants/{participantId}/randomisation/in-error")
    @WriteAnswers
    @Permit({Role.COORDINATOR, Role.INVESTIGATOR})
    @Operation(summary = "Flag an allocation as randomised in error; it is never undone and the arm stays")
    AllocationView flagInError(@Parameter(hidden = true) Actor actor, @PathVariable long trialId,
                               @PathVariable long participantId, @Body @Nullable InErrorFlag flag) {
        return randomisation.flagInError(actor, trialId, participantId, flag == null ? null : flag.reason());
    }

    @Post("/randomisation/receipts/check")
    @WriteAnswers
    @Permit({Role.ADMIN, Role.COORDINATOR})
    @Operation(summary = "Whether a kept allocation receipt is the one the service holds, naming each field that differs")
    ReceiptCheck.Answer checkReceipt(@PathVariable long trialId, @Body @Nullable ReceiptClaim receipt) {
        return receipts.check(trialId, receipt);
    }

    @Get("/randomisation/commitment")
    @StateAnswers
    @Permit({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.STATISTICIAN})
    @Operation(summary = "The hash that commits to the sequence, published when recruitment opens")
    CommitmentView commitment(@PathVariable long trialId) {
        return randomisation.commitment(trialId);
    }

    @Get("/randomisation/sequence")
    @StateAnswers
    @Permit(Role.STATISTICIAN)
    @Operation(summary = "After lock: the scheme, the seed, every slot and who used it")
    SequenceExport sequence(@Parameter(hidden = true) Actor actor, @PathVariable long trialId) {
        return reads.inTurn(() -> sequences.export(actor, trialId));
    }

    @Get("/randomisation/verify")
    @StateAnswers
    @Permit(Role.STATISTICIAN)
    @Operation(summary = "After lock: regenerate the lists from the seed and check them against the commitment and every allocation")
    SequenceVerification verify(@PathVariable long trialId) {
        return reads.inTurn(() -> sequences.verify(trialId));
    }

    @Get("/randomisation/integrity")
    @Permit(Role.ADMIN)
    @Operation(summary = "At any time: the allocations that no longer match their MACs, by number only")
    AllocationIntegrity.Report integrity(@PathVariable long trialId) {
        return reads.inTurn(() -> integrity.check(trialId));
    }

    @Get("/randomisation/diagnostics{?simulations}")
    @Permit({Role.ADMIN, Role.STATISTICIAN})
    @Operation(summary = "Simulate the scheme: expected final and maximum imbalance, Blackwell-Hodges predictability;"
            + " the simulation stops when the caller hangs up")
    CompletableFuture<Diagnostics.Result> diagnostics(HttpRequest<?> request, @PathVariable long trialId,
                                                      @QueryValue(defaultValue = "1000") int simulations) {
        Protocol protocol = trials.protocol(trialId);
        int most = Diagnostics.mostSimulations(protocol, MAX_SIMULATIONS);
        if (simulations < 1 || simulations > most) {
            throw ProblemException.invalidRequest("simulations", "range", "must be between 1 and " + most
                    + " for this trial's target and strata");
        }
        return CallerConnection.cancelOnClose(request, diagnostics.start(trialId, protocol, simulations));
    }
}

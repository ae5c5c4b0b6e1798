package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.randomisation.receipt.AllocationReceipt;
import org.trialkeeper.randomisation.receipt.Receipt;
import org.trialkeeper.trial.TrialService;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a receipt a coordinator kept is the one the service holds: every field given equals
 * what the allocation, the commitment and the audit trail hold now, the hash equals the one
 * kept, and that one still recomputes and names a record the trial's audit chain still holds.
 * Nothing of the arm is compared or said.
 */
@Singleton
class ReceiptCheck {

    private final TrialService trials;
    private final ParticipantService participants;
    private final AllocationRepository allocations;
    private final AllocationReceipts receipts;

    ReceiptCheck(TrialService trials, ParticipantService participants, AllocationRepository allocations,
                 AllocationReceipts receipts) {
        this.trials = trials;
        this.participants = participants;
        this.allocations = allocations;
        this.receipts = receipts;
    }

    /** The answer: whether the receipt matches, and what differs, field by field. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Answer(boolean matches, int number, List<String> differences) {
    }

    @Transactional
    Answer check(long trialId, ReceiptClaim submitted) {
        ReceiptClaim claim = (submitted == null
                ? new ReceiptClaim(null, null, null, null, null, null, null, null, null, null) : submitted).wellFormed();
        trials.find(trialId);
        int number = claim.number();
        Optional<Allocation> allocation = allocations.findByTrialIdAndNumber(trialId, number);
        Optional<AllocationReceipt> row = allocation.flatMap(receipts::row);
        if (row.isEmpty()) {
            return new Answer(false, number, List.of("number: the trial holds no receipt of allocation " + number));
        }
        AllocationReceipt held = row.get();
        Receipt holds = AllocationReceipts.receipt(allocation.get(),
                participants.candidate(trialId, allocation.get().participantId()).code(),
                receipts.commitment(trialId), held.chainSeq(), held.chainHash());
        List<String> differences = new ArrayList<>();
        compare("trialId", claim.trialId(), trialId, differences);
        compare("participantCode", claim.participantCode(), holds.participantCode(), differences);
        compare("time", claim.instant(), holds.time(), differences);
        compare("commitment", claim.commitment(), holds.commitment(), differences);
        compare("chainSeq", claim.chainSeq(), holds.chainSeq(), differences);
        compare("chainHash", claim.chainHash(), holds.chainHash(), differences);
        compare("mac", claim.mac(), holds.mac(), differences);
        compare("hash", claim.hash(), held.hash(), differences);
        if (!holds.hash().equals(held.hash())) {
            differences.add("hash: the receipt the service holds no longer recomputes from the allocation, the"
                    + " commitment and the audit record it names");
        }
        receipts.recordProblem(trialId, held).ifPresent(problem -> differences.add("chainHash: the receipt the"
                + " service holds " + problem));
        return new Answer(differences.isEmpty(), number, differences);
    }

    private static void compare(String field, Object given, Object held, List<String> differences) {
        if (given != null && !Objects.equals(given, held)) {
            differences.add(field + ": the receipt gives " + given + ", the service holds " + held);
        }
    }
}

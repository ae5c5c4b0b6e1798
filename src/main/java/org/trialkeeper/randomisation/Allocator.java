package org.trialkeeper.randomisation;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.database.WriteConflicts;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.receipt.ReceiptView;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.randomisation.scheme.Strata;
import org.trialkeeper.access.Actor;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Answers a batch of randomisation requests of one trial in one transaction: the participants'
 * row locks, then the allocation lock, the next slots of their strata (or the minimisation
 * decisions), the allocation rows under unique keys on participant, slot, number and
 * idempotency key, their audit records, and the receipts that name those records. Slots are
 * read only after their participants are locked as enrolled, and only as many as the batch
 * uses, so nothing about a later allocation can be learnt. A request that cannot be allocated
 * gets its own refusal without holding up the rest, except when it is found under the
 * allocation lock (a used-up sequence, a key another instance used at the same moment): then
 * the whole batch is rolled back, so the caller can retry the requests one by one.
 */
@Singleton
class Allocator {

    /** One coordinator's request to randomise one participant, under a key the same on every retry. */
    record Request(Actor actor, long participantId, String key) {
    }

    /** An allocation, or the problem that refuses it. */
    record Answer(AllocationView allocation, ProblemException refusal) {

        static Answer of(AllocationView allocation) {
            return new Answer(allocation, null);
        }

        static Answer refused(ProblemException refusal) {
            return new Answer(null, refusal);
        }
    }

    private final TrialService trials;
    private final ParticipantService participants;
    private final Sequences sequences;
    private final AllocationRows allocations;
    private final AllocationMac mac;
    private final MinimisationCounts counts;
    private final AuditTrail audit;
    private final AllocationReceipts receipts;
    private final Clock clock;
    private final RandomisationMeters meters;

    Allocator(TrialService trials, ParticipantService participants, Sequences sequences,
              AllocationRows allocations, AllocationMac mac, MinimisationCounts counts, AuditTrail audit, AllocationReceipts receipts, Clock clock,
              RandomisationMeters meters) {
        this.trials = trials;
        this.participants = participants;
        this.sequences = sequences;
        this.allocations = allocations;
        this.mac = mac;
        this.counts = counts;
        this.audit = audit;
        this.receipts = receipts;
        this.clock = clock;
        this.meters = meters;
    }

    /** The answers, in the order of the requests. */
    @Transactional
    List<Answer> allocate(long trialId, List<Request> requests) {
        TreeSet<Long> ids = new TreeSet<>();
        requests.forEach(r -> ids.add(r.participantId()));
        Batch batch = new Batch(trialId, requests, participants.lock(trialId, ids));
        for (Allocation known : allocations.concerning(trialId, ids, requests.stream().map(Request::key).toList())) {
            batch.byKey.put(known.idempotencyKey(), known);
            batch.byParticipant.put(known.participantId(), known);
        }
        for (int i = 0; i < requests.size(); i++) {
            batch.sort(i);
        }
        Answer[] answers = batch.answers;
        if (!batch.newKeys.isEmpty()) {
            Optional<AllocationLock.Held> held = meters.lockWait(() -> allocations.hold(trialId));
            batch.refuseUnlessAllocatable(held.map(AllocationLock.Held::status)
                    .orElseGet(() -> trials.find(trialId).status()) == TrialStatus.RECRUITING);
            if (!batch.newKeys.isEmpty()) {
                allocateNew(held.orElseThrow(() -> new IllegalStateException(
                                "A recruiting trial " + trialId + " has no allocation lock")), requests,
                        batch.candidates, batch.newKeys.values().stream().toList(), answers);
            }
        }
        batch.repeats.forEach((i, first) -> answers[i] = requests.get(i).key().equals(requests.get(first).key())
                || answers[first].refusal() != null
                ? answers[first]
                : Answer.refused(alreadyRandomised(answers[first].allocation().number())));
        return Arrays.asList(answers);
    }

    /** One batch's requests, sorted into answers known at once, requests to allocate, and repeats of those. */
    private final class Batch {

        final long trialId;
        final List<Request> requests;
        final Map<Long, Candidate> candidates;
        final Map<String, Allocation> byKey = new HashMap<>();
        final Map<Long, Allocation> byParticipant = new HashMap<>();
        final Answer[] answers;
        // requests of this batch to allocate, by key and by participant, and those that repeat one of them
        final Map<String, Integer> newKeys = new LinkedHashMap<>();
        final Map<Long, Integer> newParticipants = new HashMap<>();
        final Map<Integer, Integer> repeats = new HashMap<>();

        Batch(long trialId, List<Request> requests, Map<Long, Candidate> candidates) {
            this.trialId = trialId;
            this.requests = requests;
            this.candidates = candidates;
            this.answers = new Answer[requests.size()];
        }

        void sort(int i) {
            Request request = requests.get(i);
            Allocation made = byKey.get(request.key());
            Integer earlier = newKeys.get(request.key());
            Candidate candidate = candidates.get(request.participantId());
            if (made != null || earlier != null) {
                boolean sameParticipant = made != null ? made.participantId() == request.participantId()
                        : requests.get(earlier).participantId() == request.participantId();
                if (!sameParticipant) {
                    answers[i] = Answer.refused(keyReused());
                } else if (made != null && !mac.matches(made)) {
                    answers[i] = Answer.refused(AllocationMac.altered(trialId, List.of(made.number())));
                } else if (made != null) {
                    answers[i] = Answer.of(AllocationView.of(trials.protocol(trialId), made, candidate.code())
                            .withReceipt(receipts.held(made, candidate.code())));
                } else {
                    repeats.put(i, earlier);
                }
            } else if (candidate == null) {
                answers[i] = Answer.refused(ProblemException.notFound("Participant", request.participantId()));
            } else if (byParticipant.containsKey(request.participantId())) {
                answers[i] = Answer.refused(alreadyRandomised(byParticipant.get(request.participantId()).number()));
            } else if (newParticipants.containsKey(request.participantId())) {
                repeats.put(i, newParticipants.get(request.participantId()));
            } else {
                newKeys.put(request.key(), i);
                newParticipants.put(request.participantId(), i);
            }
        }

        /** Refuses, and takes out of those to allocate, the requests the trial's status or their participant's refuses. */
        void refuseUnlessAllocatable(boolean recruiting) {
            newKeys.values().removeIf(i -> {
                ProblemException refusal = refusal(candidates.get(requests.get(i).participantId()), recruiting);
                if (refusal != null) {
                    answers[i] = Answer.refused(refusal);
                }
                return refusal != null;
            });
        }

        private ProblemException refusal(Candidate candidate, boolean recruiting) {
            if (!recruiting) {
                return new ProblemException(ProblemCode.NOT_RECRUITING,
                        "Participants are randomised only while the trial is RECRUITING");
            }
            if (candidate.status() != ParticipantStatus.ENROLLED) {
                return new ProblemException(ProblemCode.NOT_ENROLLED,
                        "Only an enrolled participant (eligible, consent given) can be randomised; this one is "
                                + candidate.status());
            }
            return null;
        }
    }

    /** From the lock to commit, the trial's allocations are made one batch at a time. */
    private void allocateNew(AllocationLock.Held held, List<Request> requests, Map<Long, Candidate> candidates,
                             List<Integer> chosen, Answer[] answers) {
        long trialId = held.trialId();
        List<Candidate> enrolled = chosen.stream().map(i -> candidates.get(requests.get(i).participantId())).toList();
        participants.markRandomised(enrolled);
        Sequences.Sequence sequence = sequences.forAllocation(trialId);
        List<Allocation> made = sequence.protocol().randomisation().scheme() == Scheme.MINIMISATION
                ? minimise(sequence, held.lastNumber(), requests, enrolled, chosen)
                : fromLists(sequence, held.lastNumber(), requests, enrolled, chosen);
        List<Allocation> saved = save(made);
        List<AuditEvent> events = new ArrayList<>(saved.size());
        for (int k = 0; k < saved.size(); k++) {
            Allocation allocation = saved.get(k);
            events.add(AuditEvent.of(requests.get(chosen.get(k)).actor(), trialId, AllocationReceipts.RANDOMISED,
                    "allocation", allocation.number()).after(AuditEvent.fields("participant", enrolled.get(k).code(),
                    "number", allocation.number(), "arm", allocation.arm())).revealingAllocation());
        }
        // each receipt names its allocation's audit record, so it is written after the records, under the chain's lock
        List<ReceiptView> given = receipts.give(saved, enrolled, sequence.setup().commitment(),
                audit.lock(trialId).recordAll(events));
        for (int k = 0; k < saved.size(); k++) {
            answers[chosen.get(k)] = Answer.of(AllocationView.of(sequence.protocol(), saved.get(k),
                    enrolled.get(k).code()).withReceipt(given.get(k)));
        }
    }

    /**
     * The next slots of the participants' strata: positions are used without gaps, so the
     * highest used says where, once its allocation is found to match its MAC.
     */
    private List<Allocation> fromLists(Sequences.Sequence sequence, int lastNumber, List<Request> requests,
                                       List<Candidate> enrolled, List<Integer> chosen) {
        Protocol protocol = sequence.protocol();
        long trialId = sequence.setup().trialId();
        List<String> strata = enrolled.stream().map(c -> Strata.of(protocol, c.site(), c.categories())).toList();
        Map<String, Integer> used = new HashMap<>();
        for (String stratum : new TreeSet<>(strata)) {
            used.put(stratum, allocations.lastInStratum(trialId, stratum)
                    .map(last -> mac.checked(last).position()).orElse(0));
        }
        int number = lastNumber;
        List<Allocation> made = new ArrayList<>(enrolled.size());
        for (int k = 0; k < enrolled.size(); k++) {
            List<Slot> list = sequence.lists().getOrDefault(strata.get(k), List.of());
            int position = used.merge(strata.get(k), 1, Integer::sum);
            if (position > list.size()) {
                throw new ProblemException(ProblemCode.SEQUENCE_EXHAUSTED,
                        "This stratum's allocation list is used up; the protocol's target sample size must be amended");
            }
            Slot slot = list.get(position - 1);
            Request request = requests.get(chosen.get(k));
            made.add(Allocation.fromSlot(trialId, enrolled.get(k).id(), ++number, strata.get(k), slot, request.key(),
                    request.actor().userId(), clock.instant()));
        }
        return made;
    }

    /**
     * Each decision weighs the running counts of the allocations before it, those of this batch
     * included, and the counts are written with the allocations they count.
     */
    private List<Allocation> minimise(Sequences.Sequence sequence, int lastNumber, List<Request> requests,
                                      List<Candidate> enrolled, List<Integer> chosen) {
        Protocol protocol = sequence.protocol();
        long trialId = sequence.setup().trialId();
        MinimisationCounts.Running running = counts.underLock(trialId, lastNumber);
        List<Allocation> made = new ArrayList<>(enrolled.size());
        for (int k = 0; k < enrolled.size(); k++) {
            Candidate candidate = enrolled.get(k);
            Request request = requests.get(chosen.get(k));
            FactorLevels levels = FactorLevels.of(protocol, candidate.site(), candidate.categories());
            int number = running.nextNumber();
            String arm = MinimisationReplay.decide(protocol, running.counts(), levels, sequence.seed(),
                    sequence.setup().stream(), number);
            Allocation allocation = Allocation.minimised(trialId, candidate.id(), number, levels, arm, request.key(),
                    request.actor().userId(), clock.instant());
            running.count(allocation);
            made.add(allocation);
        }
        counts.save(running);
        return made;
    }

    private List<Allocation> save(List<Allocation> made) {
        try {
            return allocations.insert(made.stream().map(mac::sealed).toList());
        } catch (DataAccessException e) {
            // On one server the locks leave one duplicate possible: a key sent at the same moment to
            // another instance for another participant. On a cluster the locks are each node's own,
            // so another node may have taken the slot, the number, the key or the participant
            // first. Either way the batch is run again, and finds what the other one committed.
            if (duplicateAllocation(e)) {
                throw new WriteConflicts.Lost("An allocation was committed elsewhere at the same moment", e);
            }
            throw e;
        }
    }

    /** Whether an allocation's unique key refused the insert; a batch's refusal carries the row's own as its cause. */
    private static boolean duplicateAllocation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException duplicate) {
                return duplicate.getMessage() != null && duplicate.getMessage().contains("uq_allocation");
            }
        }
        return false;
    }

    private static ProblemException keyReused() {
        return new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for another participant; send a new key for a new randomisation");
    }

    private static ProblemException alreadyRandomised(int number) {
        return new ProblemException(ProblemCode.ALREADY_RANDOMISED,
                "This participant was randomised before, as allocation number " + number);
    }
}

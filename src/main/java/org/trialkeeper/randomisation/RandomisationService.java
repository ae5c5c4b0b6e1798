package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.DatabaseFailures;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.access.Actor;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Allocates participants. Requests queue for one allocation server per instance, which answers
 * all that are waiting, trial by trial, in one transaction each (see {@link Allocator}): under
 * load the allocation lock is taken once for many allocations instead of once for each. Across
 * service instances the database's locks keep allocations one batch at a time.
 */
@Singleton
public class RandomisationService {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,64}");
    private static final int MOST_IN_ONE_TRANSACTION = 64;

    private final TrialService trials;
    private final ParticipantService participants;
    private final Allocator allocator;
    private final RandomisationSetupRepository setups;
    private final AllocationRepository allocations;
    private final AuditTrail audit;
    private final Clock clock;
    private final JdbcOperations jdbc;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean serving = new AtomicBoolean();
    private final ExecutorService server = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "allocation-server");
        thread.setDaemon(true);
        return thread;
    });

    RandomisationService(TrialService trials, ParticipantService participants, Allocator allocator,
                         RandomisationSetupRepository setups, AllocationRepository allocations, AuditTrail audit,
                         Clock clock, JdbcOperations jdbc) {
        this.trials = trials;
        this.participants = participants;
        this.allocator = allocator;
        this.setups = setups;
        this.allocations = allocations;
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    private record Waiting(long trialId, Allocator.Request request, CompletableFuture<AllocationView> answer) {
    }

    public AllocationView randomise(Actor actor, long trialId, long participantId, String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidRequest(
                    "Idempotency-Key", idempotencyKey == null ? "required" : "pattern",
                    "a header of 8-64 letters, digits, '_', '.', ':' or '-', the same on every retry");
        }
        Waiting mine = new Waiting(trialId, new Allocator.Request(actor, participantId, idempotencyKey),
                new CompletableFuture<>());
        waiting.add(mine);
        if (serving.compareAndSet(false, true)) {
            server.execute(this::serveWaiting);
        }
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void serveWaiting() {
        while (true) {
            Map<Long, List<Waiting>> byTrial = new LinkedHashMap<>();
            Waiting next;
            for (int taken = 0; taken < MOST_IN_ONE_TRANSACTION && (next = waiting.poll()) != null; taken++) {
                byTrial.computeIfAbsent(next.trialId(), id -> new ArrayList<>()).add(next);
            }
            if (byTrial.isEmpty()) {
                serving.set(false);
                // a request queued after the last poll, while the flag was still set, is served here
                if (waiting.isEmpty() || !serving.compareAndSet(false, true)) {
                    return;
                }
            }
            RuntimeException outage = null;
            for (Map.Entry<Long, List<Waiting>> trial : byTrial.entrySet()) {
                if (outage == null) {
                    outage = serve(trial.getKey(), trial.getValue());
                } else {
                    refuse(trial.getValue(), outage);
                }
            }
            if (outage != null) {
                // the database cannot be reached: those queued meanwhile would each wait for a
                // connection in turn, so they are answered 503 at once and retry with their keys
                for (Waiting queued; (queued = waiting.poll()) != null; ) {
                    queued.answer().completeExceptionally(outage);
                }
            }
        }
    }

    private static void refuse(List<Waiting> batch, RuntimeException failure) {
        batch.forEach(request -> request.answer().completeExceptionally(failure));
    }

    @PreDestroy
    void stop() {
        server.shutdownNow();
    }

    /** Answers a batch of one trial; when the database cannot be reached, answers with the failure too. */
    private RuntimeException serve(long trialId, List<Waiting> batch) {
        try {
            List<Allocator.Answer> answers = allocator.allocate(trialId, batch.stream().map(Waiting::request).toList());
            for (int i = 0; i < batch.size(); i++) {
                Allocator.Answer answer = answers.get(i);
                if (answer.refusal() != null) {
                    batch.get(i).answer().completeExceptionally(answer.refusal());
                } else {
                    batch.get(i).answer().complete(answer.allocation());
                }
            }
            return null;
        } catch (RuntimeException e) {
            if (DatabaseFailures.unreachable(e)) {
                refuse(batch, e);
                return e;
            }
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return null;
            }
            // one request's failure must not fail the others: each is tried on its own
            for (Waiting one : batch) {
                RuntimeException outage = serve(trialId, List.of(one));
                if (outage != null) {
                    refuse(batch, outage);
                    return outage;
                }
            }
            return null;
        } finally {
            // nothing may be left waiting for ever, whatever was thrown
            if (batch.stream().anyMatch(request -> !request.answer().isDone())) {
                refuse(batch, new IllegalStateException("The randomisation request was not answered"));
            }
        }
    }

    /**
     * Every randomised participant's arm code, by participant id, for features whose readers
     * may see arms (the coordinator's follow-up, and reports after the database is locked).
     */
    @Transactional
    public Map<Long, String> arms(long trialId) {
        // a large trial has a hundred thousand of them: read straight from the result set
        return jdbc.prepareStatement("SELECT participant_id, arm FROM allocation WHERE trial_id = ? ORDER BY number",
                statement -> {
                    statement.setLong(1, trialId);
                    Map<Long, String> arms = new LinkedHashMap<>();
                    try (java.sql.ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            arms.put(rows.getLong(1), rows.getString(2));
                        }
                    }
                    return arms;
                });
    }

    /** One randomised participant's arm code, for features whose readers may see arms. */
    @Transactional
    public String armOf(long participantId) {
        return allocated(participantId).arm();
    }

    /** Every randomised participant's allocation number, by participant id; for reports after the database is locked. */
    @Transactional
    public Map<Long, Integer> numbers(long trialId) {
        Map<Long, Integer> numbers = new LinkedHashMap<>();
        allocations.findByTrialIdOrderByNumber(trialId).forEach(a -> numbers.put(a.participantId(), a.number()));
        return numbers;
    }

    /** Shows one participant's allocation to someone allowed to see it; the read itself is audited. */
    @Transactional
    public AllocationView allocation(Actor actor, long trialId, long participantId) {
        Candidate candidate = participants.candidate(trialId, participantId);
        Allocation allocation = allocated(participantId);
        audit.record(AuditEvent.of(actor, trialId, "allocation.viewed", "allocation", allocation.number())
                .after(AuditEvent.fields("participant", candidate.code(), "arm", allocation.arm())).revealingAllocation());
        return view(trials.protocol(trialId), allocation, candidate.code());
    }

    /** Randomised in error: never undone; flagged with a reason, and the participant keeps the arm. */
    @Transactional
    AllocationView flagInError(Actor actor, long trialId, long participantId, String reason) {
        String why = requiredReason(reason);
        Candidate candidate = participants.lock(trialId, participantId);
        Allocation allocation = allocated(participantId);
        if (allocation.inErrorReason() != null) {
            throw new ProblemException(ProblemCode.ALREADY_FLAGGED,
                    "This allocation is already flagged as randomised in error");
        }
        Allocation flagged = allocations.update(allocation.flaggedInError(why, clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "allocation.flagged-in-error", "allocation",
                allocation.number()).before(AuditEvent.fields("inError", false)).after(AuditEvent.fields("inError", true))
                .because(why));
        return view(trials.protocol(trialId), flagged, candidate.code());
    }

    @Transactional
    CommitmentView commitment(long trialId) {
        trials.find(trialId);
        RandomisationSetup setup = setups.findById(trialId).orElseThrow(() -> new ProblemException(ProblemCode.NOT_COMMITTED, "The allocation sequence is generated when recruitment opens"));
        int strata = setup.scheme() == Scheme.MINIMISATION ? 0 : Strata.all(trials.protocol(trialId)).size();
        return new CommitmentView(setup.scheme().code(), setup.commitment(), CommitmentView.ALGORITHM, strata,
                setup.committedAt());
    }

    Allocation allocated(long participantId) {
        return allocations.findByParticipantId(participantId).orElseThrow(() -> new ProblemException(
                ProblemCode.NOT_RANDOMISED, "This participant has not been randomised"));
    }

    AllocationView view(Protocol protocol, Allocation allocation, String code) {
        return Allocator.view(protocol, allocation, code);
    }

    static String requiredReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason",
                    reason == null || reason.isBlank() ? "required" : "max-length", "a reason of at most 2000 characters");
        }
        return reason.strip();
    }

}

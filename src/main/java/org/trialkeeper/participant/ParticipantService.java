package org.trialkeeper.participant;

import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.access.Actor;
import org.trialkeeper.reads.Page;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Screening and enrolment; the participants' side of randomisation. */
@Singleton
public class ParticipantService {

    private static final Argument<Map<String, Object>> VALUES = Argument.mapOf(String.class, Object.class);

    private final ParticipantRepository participants;
    private final TrialService trials;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final ScreenedRows screenedRows;
    private final RandomisedRows randomisedRows;
    private final Clock clock;

    ParticipantService(ParticipantRepository participants, TrialService trials, AuditTrail audit, JsonMapper json,
                       ScreenedRows screenedRows, RandomisedRows randomisedRows, Clock clock) {
        this.participants = participants;
        this.trials = trials;
        this.audit = audit;
        this.json = json;
        this.screenedRows = screenedRows;
        this.randomisedRows = randomisedRows;
        this.clock = clock;
    }

    @Transactional
    public ParticipantView screen(Actor actor, long trialId, ScreeningRequest request) {
        if (trials.find(trialId).status() != TrialStatus.RECRUITING) {
            throw new ProblemException(ProblemCode.NOT_RECRUITING,
                    "Participants are screened only while the trial is RECRUITING");
        }
        Protocol protocol = trials.protocol(trialId);
        List<Violation> violations = new ArrayList<>();
        Screening.Outcome outcome = Screening.decide(protocol, request, violations);
        if (outcome == null) {
            throw ProblemException.invalid(ProblemCode.INVALID_SCREENING, violations);
        }
        if (participants.existsByTrialIdAndCode(trialId, request.code())) {
            throw duplicate(request.code());
        }
        Participant saved;
        try {
            saved = participants.save(Participant.screened(trialId, request.code(), request.site(), outcome,
                    write(outcome.baseline()), write(outcome.answers()), actor.userId(), clock.instant()));
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw duplicate(request.code());
            }
            throw e;
        }
        audit.record(AuditEvent.of(actor, trialId, "participant.screened", "participant", saved.id())
                .after(AuditEvent.fields("code", saved.code(), "site", saved.site(), "status", saved.status().name(),
                        "failedCriteria", String.valueOf(saved.failedCriteria()))));
        return view(saved);
    }

    /** The trial's participants screened after the one with id {@code after} (0: from the first), in the order screened. */
    @Transactional
    public Page<ParticipantView> list(long trialId, long after, int limit) {
        trials.find(trialId);
        List<ParticipantView> read = participants.findByTrialIdAndIdGreaterThan(trialId, after,
                Pageable.from(0, limit + 1, Sort.of(Sort.Order.asc("id")))).stream().map(this::view).toList();
        return Page.of(read, limit, view -> Long.toString(view.id()));
    }

    /** A page of the trial's participants that the search keeps, in its order, after the key {@code after}. */
    @Transactional
    public Page<ParticipantView> search(long trialId, ParticipantSearch search, String after, int limit) {
        trials.find(trialId);
        Sort sort = Sort.of(search.order() == ParticipantSearch.Order.CODE ? Sort.Order.asc("code") : Sort.Order.asc("id"));
        List<ParticipantView> read = participants.findAll(search.rows(trialId, after), Pageable.from(0, limit + 1, sort, false))
                .getContent().stream().map(this::view).toList();
        return Page.of(read, limit, view -> search.order() == ParticipantSearch.Order.CODE ? view.code()
                : Long.toString(view.id()));
    }

    @Transactional
    ParticipantView find(long trialId, long participantId) {
        return view(participant(trialId, participantId));
    }

    /** Locks the participant's row for the rest of the transaction: one change at a time for each person. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Candidate lock(long trialId, long participantId) {
        Participant participant = participants.findByIdAndTrialIdForUpdate(participantId, trialId)
                .orElseThrow(() -> ProblemException.notFound("Participant", participantId));
        return candidate(participant);
    }

    @Transactional
    public Candidate candidate(long trialId, long participantId) {
        return candidate(participant(trialId, participantId));
    }

    /**
     * Locks several participants of one trial, in id order, for the rest of the transaction; the
     * answer holds those that exist, by id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Candidate> lock(long trialId, Collection<Long> participantIds) {
        Map<Long, Candidate> locked = new LinkedHashMap<>();
        if (participantIds.isEmpty()) {
            return locked;
        }
        randomisedRows.lock(trialId, List.copyOf(participantIds)).forEach(p -> locked.put(p.id(),
                candidate(p.id(), p.code(), p.site(), p.status(), p.baselineJson())));
        return locked;
    }

    /** For participants locked by {@link #lock} in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markRandomised(List<Candidate> candidates) {
        for (Candidate candidate : candidates) {
            if (!candidate.status().canMoveTo(ParticipantStatus.RANDOMISED)) {
                throw new IllegalStateException("participant " + candidate.id() + " is " + candidate.status());
            }
        }
        if (!candidates.isEmpty()) {
            randomisedRows.updateStatus(candidates.stream().map(Candidate::id).toList(), ParticipantStatus.RANDOMISED,
                    clock.instant());
        }
    }

    /**
     * Moves a participant locked in this transaction along one of the transitions its status
     * allows; any other move is refused with 409.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveTo(Candidate candidate, ParticipantStatus next, boolean keepData) {
        if (!candidate.status().canMoveTo(next)) {
            throw new ProblemException(ProblemCode.INVALID_TRANSITION,
                    "A participant who is " + candidate.status() + " cannot become " + next);
        }
        participants.updateFollowUp(candidate.id(), next, keepData, clock.instant());
    }

    /** Whether the participant counts in the per-protocol analysis, and who decided. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PerProtocol perProtocol(long trialId, long participantId) {
        return participant(trialId, participantId).perProtocol();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decidePerProtocol(long participantId, PerProtocol decision) {
        participants.updatePerProtocol(participantId, decision.excluded(), decision.reason(), decision.overridden(),
                clock.instant());
    }

    /** One person screened, as a report counts them. */
    public record Screened(long id, String code, String site, ParticipantStatus status, List<String> failedCriteria,
                           Map<String, Object> baseline, boolean keepData, boolean perProtocolExcluded) {
    }

    /** Everyone screened for the trial, in the order of their ids, streamed to {@code each}, which must not use the database. */
    @Transactional
    public void screened(long trialId, Consumer<Screened> each) {
        screenedRows.read(trialId, each);
    }

    /**
     * Every participant of the trial with their follow-up facts, by id, without their baseline
     * characteristics (follow-up does not need them): read straight from the result set, the
     * columns it needs only, since a large trial has a hundred thousand of them.
     */
    @Transactional
    public List<Followed> followed(long trialId) {
        return screenedRows.followed(trialId);
    }

    /** Every participant of the trial, by id, read at once. */
    @Transactional
    public Map<Long, Candidate> candidates(long trialId) {
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        participants.findByTrialIdOrderById(trialId).forEach(p -> candidates.put(p.id(), candidate(p)));
        return candidates;
    }

    /** Some of the trial's participants, by id, without locking them. */
    @Transactional
    public Map<Long, Candidate> candidates(long trialId, Collection<Long> participantIds) {
        Map<Long, Candidate> candidates = new LinkedHashMap<>();
        if (!participantIds.isEmpty()) {
            participants.findByTrialIdAndIdIn(trialId, participantIds).forEach(p -> candidates.put(p.id(), candidate(p)));
        }
        return candidates;
    }

    private Participant participant(long trialId, long participantId) {
        return participants.findByIdAndTrialId(participantId, trialId)
                .orElseThrow(() -> ProblemException.notFound("Participant", participantId));
    }

    private Candidate candidate(Participant participant) {
        return candidate(participant.id(), participant.code(), participant.site(), participant.status(),
                participant.baselineJson());
    }

    private Candidate candidate(long id, String code, String site, ParticipantStatus status, String baselineJson) {
        Map<String, String> categories = new LinkedHashMap<>();
        read(baselineJson).forEach((key, value) -> {
            if (value instanceof String level) {
                categories.put(key, level);
            }
        });
        return new Candidate(id, code, site, status, categories);
    }

    private ParticipantView view(Participant participant) {
        return new ParticipantView(participant.id(), participant.code(), participant.site(), participant.status(),
                Participant.criteria(participant.failedCriteria()), read(participant.baselineJson()),
                participant.screenedAt());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, VALUES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException duplicate(String code) {
        return new ProblemException(ProblemCode.DUPLICATE_PARTICIPANT,
                "A participant with code '" + code + "' is already screened in this trial");
    }
}

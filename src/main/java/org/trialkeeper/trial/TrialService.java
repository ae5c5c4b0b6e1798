package org.trialkeeper.trial;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.FrozenParts;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.access.Actor;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Registers trials from protocols, keeps every protocol version, and moves trials through their life. */
@Singleton
public class TrialService {

    private final TrialRepository trials;
    private final ProtocolVersions versions;
    private final AuditTrail audit;
    private final ApplicationEventPublisher<TrialStatusChanged> statusChanges;
    private final Clock clock;

    TrialService(TrialRepository trials, ProtocolVersions versions, AuditTrail audit,
                 ApplicationEventPublisher<TrialStatusChanged> statusChanges, Clock clock) {
        this.trials = trials;
        this.versions = versions;
        this.audit = audit;
        this.statusChanges = statusChanges;
        this.clock = clock;
    }

    @Transactional
    public TrialView register(Actor actor, ProtocolSource source) {
        Protocol protocol = ProtocolReader.read(source.text());
        if (trials.existsByShortName(protocol.shortName())) {
            throw duplicate(protocol.shortName());
        }
        Instant now = clock.instant();
        Trial trial;
        try {
            trial = trials.save(Trial.registered(protocol.shortName(), protocol.title(),
                    protocol.primaryRegistryId().orElse(null), now));
        } catch (DataAccessException e) {
            // two registrations of one name at once: the unique key lets exactly one through
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                throw duplicate(protocol.shortName());
            }
            throw e;
        }
        ProtocolVersion first = versions.add(trial.id(), 1, source, protocol, null, now);
        audit.record(AuditEvent.of(actor, trial.id(), "trial.registered", "trial", trial.id())
                .after(versionValue(first, trial.status())));
        return TrialView.of(trial);
    }

    @Transactional
    public List<TrialView> list() {
        return trials.listOrderById().stream().map(TrialView::of).toList();
    }

    @Transactional
    public List<TrialView> list(Set<Long> trialIds) {
        return trialIds.isEmpty() ? List.of()
                : trials.findByIdInListOrderById(trialIds).stream().map(TrialView::of).toList();
    }

    @Transactional
    public TrialView find(long trialId) {
        return TrialView.of(trial(trialId));
    }

    /** The trial as its own endpoint shows it, with the sample size its protocol plans. */
    @Transactional
    public TrialView withPlan(long trialId) {
        Trial trial = trial(trialId);
        return TrialView.of(trial).withSampleSize(PlannedAnalyses.calculation(versions.protocolOf(versions.current(trial))));
    }

    /** The protocol a trial runs under now. */
    @Transactional
    public Protocol protocol(long trialId) {
        return versions.protocolOf(currentVersion(trialId));
    }

    /**
     * The protocol of a trial that is collecting data (RECRUITING or in FOLLOW_UP); any other
     * status refuses with 409 {@code not-collecting}, naming what was refused.
     */
    @Transactional
    public Protocol collecting(long trialId, String what) {
        TrialStatus status = trial(trialId).status();
        if (!status.collectsData()) {
            throw new ProblemException(ProblemCode.NOT_COLLECTING,
                    what + " while the trial is RECRUITING or in FOLLOW_UP; it is " + status);
        }
        return protocol(trialId);
    }

    @Transactional
    public ProtocolSource source(long trialId) {
        ProtocolVersion version = currentVersion(trialId);
        return new ProtocolSource(version.source(), version.sourceType());
    }

    @Transactional
    public List<ProtocolVersionView> versions(long trialId) {
        trial(trialId);
        return versions.all(trialId).stream().map(ProtocolVersionView::of).toList();
    }

    @Transactional
    public Protocol protocolVersion(long trialId, int version) {
        trial(trialId);
        return versions.find(trialId, version).map(versions::protocolOf)
                .orElseThrow(() -> ProblemException.notFound("Protocol version", version));
    }

    /**
     * Stores a new protocol version. In DRAFT anything but the short name may change; after it
     * the arms and scheme are frozen and a reason is required. The old version is kept.
     */
    @Transactional
    public TrialView amend(Actor actor, long trialId, ProtocolSource source, String reason) {
        Trial trial = trials.findByIdForUpdate(trialId)
                .orElseThrow(() -> ProblemException.notFound("Trial", trialId));
        String why = amendmentReason(trial.status(), reason);
        Protocol amended = ProtocolReader.read(source.text());
        ProtocolVersion previous = currentVersion(trialId);
        requireUnfrozen(trial.status(), versions.protocolOf(previous), amended);
        Instant now = clock.instant();
        int next = trial.protocolVersion() + 1;
        ProtocolVersion saved = versions.add(trialId, next, source, amended, why, now);
        audit.record(AuditEvent.of(actor, trialId, "protocol.amended", "protocol", trialId)
                .before(versionValue(previous, trial.status())).after(versionValue(saved, trial.status())).because(why));
        return TrialView.of(trials.update(trial.withProtocol(next, amended.title(),
                amended.primaryRegistryId().orElse(null), now)));
    }

    /** The amendment's reason, stripped; null where none is given, which only a DRAFT allows. */
    private static String amendmentReason(TrialStatus status, String reason) {
        if (status == TrialStatus.LOCKED) {
            throw new ProblemException(ProblemCode.TRIAL_LOCKED,
                    "A locked trial's protocol cannot be amended");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (status.protocolFrozen() && why == null) {
            throw ProblemException.invalid(ProblemCode.REASON_REQUIRED, List.of(new Violation("reason", "required", "an amendment after DRAFT needs a reason")));
        }
        if (why != null && why.length() > 2000) {
            throw ProblemException.invalidRequest("reason", "max-length", "must be at most 2000 characters");
        }
        return why;
    }

    /** The short name never changes; once recruitment has started, neither do the arms and the scheme. */
    private static void requireUnfrozen(TrialStatus status, Protocol current, Protocol amended) {
        if (!amended.shortName().equals(current.shortName())) {
            throw frozen(List.of(new Violation("shortName", "frozen", "a trial's short name never changes")));
        }
        if (status.protocolFrozen()) {
            List<Violation> changes = FrozenParts.changedBy(current, amended);
            if (!changes.isEmpty()) {
                throw frozen(changes);
            }
        }
    }

    @Transactional
    public TrialView changeStatus(Actor actor, long trialId, String requested) {
        TrialStatus target = parseStatus(requested);
        Trial trial = trials.findByIdForUpdate(trialId)
                .orElseThrow(() -> ProblemException.notFound("Trial", trialId));
        if (!trial.status().canMoveTo(target)) {
            throw new ProblemException(ProblemCode.INVALID_TRANSITION,
                    "A " + trial.status() + " trial cannot move to " + target
                            + "; a trial moves one step forwards: DRAFT, RECRUITING, FOLLOW_UP, LOCKED");
        }
        TrialView changed = TrialView.of(trials.update(trial.withStatus(target, clock.instant())));
        TrialStatusChanged change = new TrialStatusChanged(trialId, trial.status(), target, actor);
        // the listeners may take seconds (the allocation lists of a large trial): they run holding
        // this trial's row only, and the trial's audit chain is locked after them, for the records alone
        statusChanges.publishEvent(change);
        List<AuditEvent> records = new ArrayList<>();
        records.add(AuditEvent.of(actor, trialId, "trial.status-changed", "trial", trialId)
                .before(AuditEvent.fields("status", trial.status().name()))
                .after(AuditEvent.fields("status", target.name())));
        records.addAll(change.records());
        audit.lock(trialId).recordAll(records);
        return changed;
    }

    private static Map<String, Object> versionValue(ProtocolVersion version, TrialStatus status) {
        return AuditEvent.fields("protocolVersion", version.version(), "sha256", version.sha256(), "status", status.name());
    }

    private static TrialStatus parseStatus(String requested) {
        if (requested != null) {
            for (TrialStatus status : TrialStatus.values()) {
                if (status.name().equals(requested.strip().toUpperCase(Locale.ROOT))) {
                    return status;
                }
            }
        }
        throw ProblemException.invalidRequest("status",
                requested == null ? "required" : "one-of", "must be one of " + List.of(TrialStatus.values()));
    }

    private Trial trial(long trialId) {
        return trials.findById(trialId).orElseThrow(() -> ProblemException.notFound("Trial", trialId));
    }

    private ProtocolVersion currentVersion(long trialId) {
        return versions.current(trial(trialId));
    }

    private static ProblemException duplicate(String shortName) {
        return new ProblemException(ProblemCode.DUPLICATE_TRIAL,
                "A trial named '" + shortName + "' is already registered; amend its protocol instead");
    }

    private static ProblemException frozen(List<Violation> changes) {
        return new ProblemException(ProblemCode.PROTOCOL_FROZEN,
                "The amendment changes parts of the protocol that are fixed", changes);
    }
}

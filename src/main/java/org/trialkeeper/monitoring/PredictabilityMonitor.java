package org.trialkeeper.monitoring;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.apache.commons.rng.simple.RandomSource;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Monitoring;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Site;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.randomisation.scheme.ConvergenceGuess;
import org.trialkeeper.randomisation.scheme.Diagnostics;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The predictability monitor: the convergence guesser's right guesses so far, by site and over
 * the trial, for the roles the protocol names for monitoring only. The protocol cannot name an
 * assessor or an investigator, the route lets neither through, and an assessor holds no other role.
 */
@Singleton
class PredictabilityMonitor {

    /** Simulations of the scheme behind the expected share: its standard error is then well under 0.01. */
    static final int SIMULATIONS = 2_000;
    private static final long SIMULATION_SEED = 19;

    private final TrialService trials;
    private final ParticipantService participants;
    private final Allocations allocations;
    private final UserService users;
    private final Map<Protocol, Double> expected = new ConcurrentHashMap<>();

    PredictabilityMonitor(TrialService trials, ParticipantService participants, Allocations allocations,
                          UserService users) {
        this.trials = trials;
        this.participants = participants;
        this.allocations = allocations;
        this.users = users;
    }

    @Transactional
    Predictability figures(Actor actor, long trialId) {
        Protocol protocol = trials.protocol(trialId);
        checkMonitors(actor, trialId, protocol.monitoring());
        double expectedShare = expectedShare(protocol);
        Predictability.Tally tally = new Predictability.Tally(protocol.randomisation().scheme().code(),
                protocol.sites().stream().map(Site::code).toList(), expectedShare,
                protocol.monitoring().threshold(expectedShare));
        Map<Long, String> sites = new HashMap<>();
        for (Followed followed : participants.followed(trialId)) {
            sites.put(followed.candidate().id(), followed.candidate().site());
        }
        ConvergenceGuess guesser = ConvergenceGuess.of(protocol);
        allocations.inOrder(trialId, allocated -> tally.add(sites.get(allocated.participantId()),
                guesser.next(allocated.stratum(), allocated.arm()).credit()));
        return tally.result();
    }

    private void checkMonitors(Actor actor, long trialId, Monitoring monitoring) {
        Set<Role> held = actor.userId() == null ? Set.of() : users.rolesIn(actor.userId(), trialId);
        boolean named = actor.admin() && monitoring.monitors(Role.ADMIN.name())
                || held.stream().anyMatch(role -> monitoring.monitors(role.name()));
        if (!named) {
            throw new ProblemException(ProblemCode.NOT_MONITORING, "The protocol lets " + monitoring.roles()
                    + " monitor predictability");
        }
    }

    /**
     * The scheme's Blackwell-Hodges share, simulated once per protocol with a fixed seed, so that
     * the figure does not move between two reads. The protocol cannot change after DRAFT.
     */
    private double expectedShare(Protocol protocol) {
        if (expected.size() > 256) {
            expected.clear();
        }
        return expected.computeIfAbsent(protocol, p -> Diagnostics.simulate(p, Diagnostics.mostSimulations(p, SIMULATIONS),
                RandomSource.XO_RO_SHI_RO_128_PP.create(SIMULATION_SEED)).predictability());
    }
}

package org.trialkeeper.unblinding;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationView;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Unblinds one participant in an emergency (ICH E6(R3)): only a member holding a role the
 * protocol names, with a reason and the user's password entered again; it reveals that
 * participant only, and every unblinding is recorded, audited and counted. Every refused
 * attempt is audited too, and wrong passwords are throttled per user.
 */
@Singleton
public class EmergencyUnblinding {

    private final TrialService trials;
    private final UserService users;
    private final UnblindingLedger ledger;
    private final WrongPasswords wrongPasswords;
    private final Clock clock;

    EmergencyUnblinding(TrialService trials, UserService users, UnblindingLedger ledger, Clock clock,
                        @Value("${trialkeeper.unblinding.free-failures:5}") int freeFailures,
                        @Value("${trialkeeper.unblinding.first-delay:30s}") Duration firstDelay,
                        @Value("${trialkeeper.unblinding.max-delay:15m}") Duration maxDelay,
                        @Value("${trialkeeper.unblinding.window:1h}") Duration window) {
        this.trials = trials;
        this.users = users;
        this.ledger = ledger;
        this.clock = clock;
        this.wrongPasswords = new WrongPasswords(freeFailures, firstDelay, maxDelay, window);
    }

    /**
     * The first role, in {@link Role} order, that the user holds in the trial and the protocol
     * names for emergency unblinding: the role an unblinding is made and recorded in.
     */
    public Optional<Role> permittingRole(Actor actor, long trialId) {
        if (actor.userId() == null) {
            return Optional.empty();
        }
        Protocol protocol = trials.protocol(trialId);
        return users.rolesIn(actor.userId(), trialId).stream()
                .filter(role -> protocol.emergencyUnblinding().roles().contains(role.name())).findFirst();
    }

    /** The participant's allocation, or a refusal that is audited, in its own transaction, before it is thrown. */
    public AllocationView unblind(Actor actor, long trialId, long participantId, String reason, String password) {
        Actor permitted = actor;
        try {
            permitted = permitted(actor, trialId);
            String why = Values.requiredReason(reason);
            checkPassword(permitted, password);
            return ledger.reveal(permitted, trials.protocol(trialId), trialId, participantId, why);
        } catch (ProblemException refused) {
            ledger.refused(permitted, trialId, participantId, refused.code());
            throw refused;
        }
    }

    private Actor permitted(Actor actor, long trialId) {
        Role role = permittingRole(actor, trialId).orElseThrow(() -> notPermitted(trialId));
        return new Actor(actor.userId(), actor.username(), role);
    }

    /** The refusal of a member who holds none of the roles the protocol names. */
    public ProblemException notPermitted(long trialId) {
        return new ProblemException(ProblemCode.UNBLINDING_NOT_PERMITTED, "The protocol lets "
                + trials.protocol(trialId).emergencyUnblinding().roles() + " unblind in an emergency");
    }

    /** Throttled before the password is looked at, so that a throttled guess tells nothing. */
    private void checkPassword(Actor actor, String password) {
        Optional<Duration> wait = wrongPasswords.wait(actor.userId(), clock.instant());
        if (wait.isPresent()) {
            throw new ProblemException(ProblemCode.UNBLINDING_THROTTLED, "Too many wrong passwords; try again in "
                    + Math.max(1, wait.get().toSeconds()) + " s").retryAfter(wait.get());
        }
        if (!users.passwordMatches(actor.userId(), password)) {
            wrongPasswords.failed(actor.userId(), clock.instant());
            throw new ProblemException(ProblemCode.PASSWORD_MISMATCH, "Unblinding needs your password entered again");
        }
        wrongPasswords.succeeded(actor.userId());
    }

    /** How many participants of the trial were unblinded in an emergency. */
    public long count(long trialId) {
        return ledger.count(trialId);
    }
}

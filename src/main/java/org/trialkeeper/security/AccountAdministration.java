package org.trialkeeper.security;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What an administrator does to accounts, and signing out: each change is audited, and each
 * that takes something away (sign-out, disabling, a new password, removed administration) ends
 * every session of the user at once. The service always keeps one active administrator.
 */
@Singleton
public class AccountAdministration {

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final UserService accounts;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Clock clock;

    AccountAdministration(UserRepository users, MembershipRepository memberships, UserService accounts,
                          PasswordHasher hasher, AuditTrail audit, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.accounts = accounts;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Ends every session of the signed-in user: tokens and page cookies alike. */
    @Transactional
    public void signOut(Actor actor) {
        UserAccount account = users.findByIdForUpdate(actor.userId())
                .orElseThrow(() -> ProblemException.notFound("User", actor.userId()));
        users.update(account.signedOut(clock.instant()));
        audit.record(AuditEvent.of(actor, null, "user.signed-out", "user", account.id()));
    }

    @Transactional
    public UserView setActive(Actor actor, long userId, AccountChange.Active change) {
        boolean active = required(change.active(), "active");
        UserAccount account = lockedWithAdministrators(userId);
        if (account.active() != active) {
            UserAccount changed = account.withActive(active, clock.instant());
            keepAnActiveAdministrator(account, changed);
            users.update(changed);
            audit.record(AuditEvent.of(actor, null, active ? "user.enabled" : "user.disabled", "user", userId)
                    .before(AuditEvent.fields("active", !active)).after(AuditEvent.fields("active", active)));
        }
        return accounts.find(userId);
    }

    @Transactional
    public UserView setAdmin(Actor actor, long userId, AccountChange.Admin change) {
        boolean admin = required(change.admin(), "admin");
        UserAccount account = lockedWithAdministrators(userId);
        if (admin && memberships.findByUserId(userId).stream().anyMatch(m -> m.role() == Role.ASSESSOR)) {
            // an administrator sees allocations, which a blinded assessor never may
            throw ProblemException.invalidRequest("admin", "assessor-alone",
                    "a blinded assessor in any trial cannot be an administrator");
        }
        if (account.admin() != admin) {
            UserAccount changed = account.withAdmin(admin, clock.instant());
            keepAnActiveAdministrator(account, changed);
            users.update(changed);
            audit.record(AuditEvent.of(actor, null, admin ? "user.admin-granted" : "user.admin-removed", "user", userId)
                    .before(AuditEvent.fields("admin", !admin)).after(AuditEvent.fields("admin", admin)));
        }
        return accounts.find(userId);
    }

    /** Sets a one-time password, which is neither logged nor audited; the user must replace it at next sign-in. */
    @Transactional
    public void resetPassword(Actor actor, long userId, AccountChange.OneTimePassword change) {
        UserAccount account = users.findById(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
        List<Violation> violations = PasswordPolicy.check("password", change.password(), account.username());
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        String hash = hasher.hash(change.password());
        UserAccount locked = users.findByIdForUpdate(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
        users.update(locked.withPassword(hash, true, clock.instant()));
        audit.record(AuditEvent.of(actor, null, "user.password-reset", "user", userId)
                .after(AuditEvent.fields("mustChangePassword", true)));
    }

    private static boolean required(Object value, String field) {
        List<Violation> violations = new ArrayList<>();
        Boolean given = Values.bool(value, field, violations);
        if (given == null && violations.isEmpty()) {
            violations.add(new Violation(field, "required", "is required: true or false"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return given;
    }

    /**
     * The account's row, locked after every active administrator's row: two administrators taking
     * each other's rights at once are served one after the other, and the second finds the first's
     * change, in the same lock order, so they never deadlock.
     */
    private UserAccount lockedWithAdministrators(long userId) {
        users.findByAdminAndActiveForUpdate(true, true);
        return users.findByIdForUpdate(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
    }

    private void keepAnActiveAdministrator(UserAccount before, UserAccount after) {
        boolean counted = before.admin() && before.active();
        if (counted && !(after.admin() && after.active())
                && users.findByAdminAndActiveForUpdate(true, true).stream().allMatch(a -> a.id().equals(before.id()))) {
            throw new ProblemException(ProblemCode.LAST_ADMINISTRATOR,
                    "User " + before.id() + " is the last active administrator; make another administrator first");
        }
    }
}

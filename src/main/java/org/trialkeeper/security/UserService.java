package org.trialkeeper.security;

import org.trialkeeper.access.Role;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Memberships;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Accounts, passwords and trial memberships; every change is audited. */
@Singleton
public class UserService implements Memberships {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final TrialService trials;
    private final Clock clock;

    UserService(UserRepository users, MembershipRepository memberships, PasswordHasher hasher, AuditTrail audit,
                TrialService trials, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.hasher = hasher;
        this.audit = audit;
        this.trials = trials;
        this.clock = clock;
    }

    /** The roles a user holds in a trial; what the access rule checks on every trial route: one read, no transaction. */
    public Set<Role> rolesIn(long userId, long trialId) {
        return memberships.findByUserIdAndTrialId(userId, trialId).stream().map(Membership::role)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    @Override
    @Transactional
    public Set<Long> trialsOf(long userId) {
        return memberships.findByUserId(userId).stream().map(Membership::trialId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A fresh password check, for actions that ask the user to enter it again. */
    @Transactional
    public boolean passwordMatches(long userId, String password) {
        return password != null && users.findById(userId)
                .map(account -> account.active() && hasher.matches(password, account.passwordHash())).orElse(false);
    }

    @Transactional
    public UserView create(Actor actor, NewUser request) {
        String username = request.username() == null ? "" : request.username().strip().toLowerCase(Locale.ROOT);
        List<Violation> violations = new ArrayList<>();
        if (!USERNAME.matcher(username).matches()) {
            violations.add(new Violation("username", "pattern",
                    "must be 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        violations.addAll(PasswordPolicy.check("password", request.password(), username));
        boolean admin = Boolean.TRUE.equals(Values.bool(request.admin(), "admin", violations));
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        if (users.existsByUsername(username)) {
            throw new ProblemException(ProblemCode.DUPLICATE_USER,
                    "A user named '" + username + "' already exists");
        }
        UserAccount account = createAccount(username, request.password(), admin, true);
        audit.record(AuditEvent.of(actor, null, "user.created", "user", account.id())
                .after(AuditEvent.fields("username", username, "admin", admin)));
        return view(account);
    }

    /** Used at first start for the administrator; the caller records the audit event. */
    UserAccount createAccount(String username, String password, boolean admin, boolean oneTimePassword) {
        return users.save(UserAccount.created(username, hasher.hash(password), admin, oneTimePassword, clock.instant()));
    }

    @Transactional
    public List<UserView> list() {
        return users.listOrderById().stream().map(this::view).toList();
    }

    @Transactional
    UserView find(long userId) {
        return view(account(userId));
    }

    @Transactional
    public void changeOwnPassword(Actor actor, PasswordChange change) {
        UserAccount account = users.findByIdForUpdate(actor.userId())
                .orElseThrow(() -> ProblemException.notFound("User", actor.userId()));
        if (change.currentPassword() == null || !hasher.matches(change.currentPassword(), account.passwordHash())) {
            throw ProblemException.invalidRequest("currentPassword", "mismatch", "is not the current password");
        }
        List<Violation> violations = new ArrayList<>(PasswordPolicy.check("newPassword", change.newPassword(),
                account.username()));
        if (violations.isEmpty() && change.newPassword().equals(change.currentPassword())) {
            violations.add(new Violation("newPassword", "unchanged", "must differ from the current password"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        users.update(account.withPassword(hasher.hash(change.newPassword()), false, clock.instant()));
        audit.record(AuditEvent.of(actor, null, "user.password-changed", "user", account.id()));
    }

    @Transactional
    List<MemberView> members(long trialId) {
        trials.find(trialId);
        Map<Long, List<Role>> roles = new TreeMap<>();
        for (Membership membership : memberships.findByTrialIdOrderByUserId(trialId)) {
            roles.computeIfAbsent(membership.userId(), id -> new ArrayList<>()).add(membership.role());
        }
        List<MemberView> members = new ArrayList<>();
        roles.forEach((userId, held) -> members.add(new MemberView(userId, account(userId).username(),
                held.stream().sorted().toList())));
        return members;
    }

    /** Replaces the user's roles in the trial; an empty list revokes the membership. */
    @Transactional
    public MemberView assignRoles(Actor actor, long trialId, long userId, RoleAssignment assignment) {
        trials.find(trialId);
        UserAccount account = account(userId);
        Set<Role> wanted = parseRoles(assignment);
        if (wanted.contains(Role.ASSESSOR) && (wanted.size() > 1 || account.admin())) {
            // any other role, or an administrator's account, would show the assessor allocations
            throw ProblemException.invalidRequest("roles", "assessor-alone",
                    "a blinded assessor holds no other role in the trial and is not an administrator");
        }
        Set<Role> before = rolesIn(userId, trialId);
        memberships.deleteByUserIdAndTrialId(userId, trialId);
        Instant now = clock.instant();
        for (Role role : wanted) {
            memberships.save(new Membership(null, userId, trialId, role, now));
        }
        if (!before.equals(wanted)) {
            audit.record(AuditEvent.of(actor, trialId, wanted.isEmpty() ? "membership.revoked" : "membership.roles-set",
                    "membership", userId).before(roleNames(before)).after(roleNames(wanted)));
        }
        return new MemberView(userId, account.username(), List.copyOf(wanted));
    }

    private static Set<Role> parseRoles(RoleAssignment assignment) {
        if (assignment.roles() == null) {
            throw ProblemException.invalidRequest("roles", "required", "is required; an empty list revokes the membership");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < assignment.roles().size(); i++) {
            String name = assignment.roles().get(i);
            Role role = null;
            for (Role candidate : Role.values()) {
                if (candidate.heldPerTrial() && candidate.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    role = candidate;
                }
            }
            if (role == null) {
                violations.add(new Violation("roles[" + i + "]", "one-of",
                        "must be one of COORDINATOR, ASSESSOR, INVESTIGATOR, STATISTICIAN"));
            } else {
                roles.add(role);
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return roles;
    }

    private static List<String> roleNames(Set<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }

    private UserAccount account(long userId) {
        return users.findById(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
    }

    private UserView view(UserAccount account) {
        Map<Long, List<Role>> byTrial = new TreeMap<>();
        for (Membership membership : memberships.findByUserId(account.id())) {
            byTrial.computeIfAbsent(membership.trialId(), id -> new ArrayList<>()).add(membership.role());
        }
        List<UserView.TrialRoles> held = byTrial.entrySet().stream()
                .map(e -> new UserView.TrialRoles(e.getKey(), e.getValue().stream().sorted().toList())).toList();
        return new UserView(account.id(), account.username(), account.admin(), account.active(),
                account.mustChangePassword(), held, account.createdAt());
    }

}

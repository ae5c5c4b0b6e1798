package org.trialkeeper.security;

import org.trialkeeper.access.Actor;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.database.WriteConflicts;

import java.security.SecureRandom;

/**
 * Makes sure the administrator {@code admin} exists from the first start, with the password
 * from {@code TRIALKEEPER_ADMIN_PASSWORD}, or else a generated one-time password logged once.
 */
@Singleton
final class FirstAdministrator implements ApplicationEventListener<ServerStartupEvent> {

    static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserRepository users;
    private final UserService accounts;
    private final AuditTrail audit;
    private final WriteConflicts writes;
    private final String configuredPassword;

    FirstAdministrator(UserRepository users, UserService accounts, AuditTrail audit,
                       WriteConflicts writes,
                       @Value("${trialkeeper.admin-password:}") String configuredPassword) {
        this.users = users;
        this.accounts = accounts;
        this.audit = audit;
        this.writes = writes;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        boolean generated = configuredPassword.isBlank();
        String password = generated ? generatePassword() : configuredPassword;
        if (!generated && !PasswordPolicy.check("TRIALKEEPER_ADMIN_PASSWORD", password, USERNAME).isEmpty()) {
            throw new IllegalStateException("TRIALKEEPER_ADMIN_PASSWORD must be " + PasswordPolicy.MIN_LENGTH
                    + " to " + PasswordPolicy.MAX_BYTES + " bytes long and differ from the username");
        }
        boolean created;
        try {
            created = writes.write(() -> {
                if (users.existsByUsername(USERNAME)) {
                    return false;
                }
                UserAccount admin = accounts.createAccount(USERNAME, password, true, generated);
                audit.record(AuditEvent.of(Actor.SYSTEM, null, "user.created", "user", admin.id())
                        .after(AuditEvent.fields("username", "admin", "admin", true)).because("first start"));
                return true;
            });
        } catch (DataAccessException e) {
            // another instance created it at the same moment: the unique username kept one (a cluster's
            // conflicting insert is a deadlock at commit, which the write runs again and then finds the account)
            created = false;
        }
        if (created && generated) {
            LOG.warn("Created the administrator 'admin' with the one-time password {} - it must be changed at "
                    + "first login. Set TRIALKEEPER_ADMIN_PASSWORD to choose it instead.", password);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}

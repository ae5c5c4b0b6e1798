package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface UserRepository extends CrudRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByIdForUpdate(Long id);

    /** Locks the rows of the active administrators, so that their number cannot fall to none between check and change. */
    List<UserAccount> findByAdminAndActiveForUpdate(boolean admin, boolean active);

    /**
     * The account as it is now, one row per role the user holds in the trial (one row with no
     * role when none, or when no trial is named): what a request's sign-in and roles are
     * decided from, in one statement.
     */
    @Query("""
            SELECT u.active, u.session_version, u.admin, u.must_change_password, m.role
            FROM app_user u LEFT JOIN membership m ON m.user_id = u.id AND m.trial_id = :trialId
            WHERE u.id = :userId""")
    List<SessionRow> findSession(long userId, @Nullable Long trialId);

    boolean existsByUsername(String username);

    List<UserAccount> listOrderById();
}

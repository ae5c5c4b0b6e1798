package org.trialkeeper.security;

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

    boolean existsByUsername(String username);

    List<UserAccount> listOrderById();
}

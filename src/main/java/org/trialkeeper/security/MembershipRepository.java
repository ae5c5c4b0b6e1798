package org.trialkeeper.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface MembershipRepository extends GenericRepository<Membership, Long> {

    Membership save(Membership membership);

    List<Membership> findByUserIdAndTrialId(Long userId, Long trialId);

    List<Membership> findByUserId(Long userId);

    List<Membership> findByTrialIdOrderByUserId(Long trialId);

    void deleteByUserIdAndTrialId(Long userId, Long trialId);
}

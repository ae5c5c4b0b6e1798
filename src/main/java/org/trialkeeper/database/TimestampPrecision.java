package org.trialkeeper.database;

import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.jdbc.mapper.ColumnIndexResultSetReader;
import io.micronaut.data.jdbc.mapper.JdbcQueryStatement;
import io.micronaut.data.model.DataType;
import io.micronaut.data.runtime.convert.DataConversionService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The service refuses to start on a database that silently drops the microseconds of the
 * timestamps it is sent: the audit chain hashes each record's time as written, so every record
 * would read back as altered. At start-up a time with microseconds goes to the database and
 * back through the pool, bound and read as Micronaut Data binds and reads an entity's Instant.
 */
@Context
final class TimestampPrecision {

    static final Instant PROBE = Instant.parse("2001-02-03T04:05:06.123456Z");

    TimestampPrecision(DataSource dataSource, DataConversionService conversion) throws SQLException {
        check(DelegatingDataSource.unwrapDataSource(dataSource), conversion);
    }

    static void check(DataSource dataSource, DataConversionService conversion) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement echo = connection.prepareStatement("SELECT CAST(? AS DATETIME(6))")) {
            new JdbcQueryStatement(conversion).setTimestamp(echo, 1, PROBE);
            try (ResultSet row = echo.executeQuery()) {
                row.next();
                ColumnIndexResultSetReader reader = new ColumnIndexResultSetReader(conversion);
                Instant back = reader.convertRequired(reader.readDynamic(row, 1, DataType.TIMESTAMP), Instant.class);
                if (!PROBE.equals(back)) {
                    throw new LostMicroseconds(PROBE, back, connection.getMetaData().getDatabaseProductVersion());
                }
            }
        }
    }

    /** Why the service will not start. */
    static final class LostMicroseconds extends IllegalStateException {

        LostMicroseconds(Instant sent, Instant back, String serverVersion) {
            super("The database does not keep the microseconds of the timestamps the service writes (sent " + sent
                    + ", read back " + back + "), and the audit chain hashes them: the service will not start on it. "
                    + "Connector/J took the server, which announced itself as " + serverVersion + ", for one without "
                    + "fractional seconds. On MariaDB 10 keep datasources.default.data-source-properties.socketFactory: "
                    + MariaDbHandshake.class.getName() + " (application.yml sets it).");
        }
    }
}

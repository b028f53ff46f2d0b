// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the catalog's schema to the newest version with the SQL migrations in
 * {@code db/migration/<vendor>} (Flyway), before Hibernate opens it and checks that its entities fit
 * ({@code hbm2ddl.auto=validate}). Catalogs created before migrations existed (by Hibernate's schema
 * update) are taken to be at version 1, the schema that code created. Migrations are never edited once
 * released; a change is a new {@code V<n>__what.sql} for each vendor.
 */
final class CatalogSchema {
    static final String LOCATION = "classpath:db/migration/";
    private static final String HISTORY = "flyway_schema_history";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CatalogSchema.class.getName());

    private CatalogSchema() {
    }

    /** @return the migrations applied now (0 when the schema was already current) */
    static int migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION + vendor(dataSource))
                .table(HISTORY)
                .baselineVersion("1")
                .baselineDescription("catalog created before schema migrations")
                .load();
        try {
            if (hasTable(dataSource, "instance") && !hasTable(dataSource, HISTORY)) {
                flyway.baseline();
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read the catalog's schema: " + e.getSQLState());
        }
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("catalog schema migrated from version " + (result.initialSchemaVersion == null ? "none"
                    : result.initialSchemaVersion) + " to " + result.targetSchemaVersion + " ("
                    + result.migrationsExecuted + " migrations)");
        }
        return result.migrationsExecuted;
    }

    /** The migrations' folder for the database: {@code h2} or {@code postgresql}. */
    private static String vendor(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new CatalogException("cannot connect to the catalog database (SQL state " + e.getSQLState() + ")");
        }
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new CatalogException("the catalog supports H2 and PostgreSQL, not " + product);
    }

    private static boolean hasTable(DataSource dataSource, String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (tables.next()) {
                    if (tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT).equals(name)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}

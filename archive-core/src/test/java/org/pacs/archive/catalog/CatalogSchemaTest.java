// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The catalog's schema comes from the migrations, from the first up, also under a catalog made before them. */
class CatalogSchemaTest {

    private static JdbcDataSource memory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void anEmptyDatabaseIsMigratedFromTheFirstVersionAndFitsTheEntities() throws Exception {
        JdbcDataSource ds = memory();
        assertEquals(2, CatalogSchema.migrate(ds));
        assertEquals(List.of("1", "2"), appliedVersions(ds));
        assertTrue(hasIndex(ds, "ix_instance_blob"));
        // Hibernate validates the entities against the migrated schema when the catalog opens.
        try (Catalog catalog = Catalog.open(CatalogConfig.dataSource(ds).rebuildThreads(1).build())) {
            assertEquals(0L, (long) catalog.read(s -> s.createSelectionQuery("select count(i) from Instance i",
                    Long.class).getSingleResult()));
        }
        assertEquals(0, CatalogSchema.migrate(ds), "a current schema needs no migration");
    }

    @Test
    void aCatalogCreatedBeforeMigrationsIsTakenAsVersionOneAndKeepsItsRows() throws Exception {
        JdbcDataSource ds = memory();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements("/db/migration/h2/V1__catalog.sql")) {
                st.execute(sql);
            }
            st.execute("insert into patient (id, version, header_instance_id, issuer_of_patient_id, patient_id)"
                    + " values (1, 0, 0, '', 'P1')");
        }
        assertEquals(1, CatalogSchema.migrate(ds), "only the migrations after the first");
        assertEquals(List.of("1", "2"), appliedVersions(ds));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select patient_id from patient")) {
            assertTrue(rs.next());
            assertEquals("P1", rs.getString(1));
        }
    }

    private static List<String> appliedVersions(JdbcDataSource ds) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "select \"version\" from \"flyway_schema_history\" where \"success\" and \"version\" is not null order by \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static boolean hasIndex(JdbcDataSource ds, String name) throws SQLException {
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getIndexInfo(null, null, "INSTANCE", false, false)) {
            while (rs.next()) {
                if (name.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> statements(String resource) throws IOException {
        try (InputStream in = CatalogSchemaTest.class.getResourceAsStream(resource)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            List<String> out = new ArrayList<>();
            for (String s : sql.split(";")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        }
    }
}

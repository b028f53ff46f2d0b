// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import org.h2.jdbcx.JdbcDataSource;
import org.pacs.archive.catalog.CatalogSecrets;

/**
 * The snapshot of a stopped archive's catalog: this process opens the H2 file (holding its lock, so
 * an archive started meanwhile waits for nothing half-copied: it fails to open and says the database
 * is in use) and runs {@code BACKUP TO}.
 */
public final class OfflineCatalogSnapshot implements CatalogSnapshot {
    private final Path dataDir;
    private final CatalogSecrets secrets;

    public OfflineCatalogSnapshot(Path dataDir, CatalogSecrets secrets) {
        this.dataDir = dataDir;
        this.secrets = secrets;
    }

    @Override
    public Path take() throws IOException {
        Path target = dataDir.resolve("run").resolve("backup-" + HexFormat.of().formatHex(random(8)) + ".zip");
        Files.createDirectories(target.getParent());
        JdbcDataSource ds = new JdbcDataSource();
        // The URL the archive opens (Catalog.h2Pool): same file, same cipher, no trace file.
        ds.setURL("jdbc:h2:file:" + dataDir.resolve("catalog").resolve("catalog").toAbsolutePath()
                + ";CIPHER=AES;TRACE_LEVEL_FILE=0;IFEXISTS=TRUE");
        ds.setUser("pacs");
        char[] file = secrets.filePassword();
        char[] user = secrets.userPassword();
        char[] both = new char[file.length + 1 + user.length];
        System.arraycopy(file, 0, both, 0, file.length);
        both[file.length] = ' ';
        System.arraycopy(user, 0, both, file.length + 1, user.length);
        ds.setPasswordChars(both);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("the catalog could not be copied (H2 error " + e.getErrorCode() + ")", e);
        } finally {
            Arrays.fill(file, '\0');
            Arrays.fill(user, '\0');
            Arrays.fill(both, '\0');
        }
        return target;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }
}

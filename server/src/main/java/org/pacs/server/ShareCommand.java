// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.pacs.auth.audit.EventActionCode;
import org.pacs.auth.identity.ShareStore;
import org.pacs.auth.identity.StudyShare;
import org.pacs.auth.identity.UserStore;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs share add|list|revoke}: make one study visible to one user (typically a referring
 * physician whose name is not on it) until an expiry, list shares, revoke one. A running archive applies
 * a new or revoked share from the next request. In embedded identity mode the user must exist.
 */
final class ShareCommand implements Command {

    static final int DEFAULT_DAYS = 30;

    @Override
    public String name() {
        return "share";
    }

    @Override
    public String usage() {
        return "share add STUDY_UID --with USER [--days N] [--by NAME] | share list [--with USER] [--study UID] "
                + "| share revoke ID  [--data DIR]";
    }

    @Override
    public String summary() {
        return "share a study with a user until an expiry, list or revoke shares";
    }

    private record Add(String study, String with, int days, String by) {
    }

    private record Filter(String with, String study) {
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> rest = opt.rest();
        if (rest.isEmpty()) {
            throw new UsageException("expected add, list or revoke");
        }
        String sub = rest.get(0);
        List<String> params = rest.subList(1, rest.size());
        switch (sub) {
            case "add" -> parseAdd(params);
            case "list" -> parseList(params);
            case "revoke" -> id(params);
            default -> throw new UsageException("expected add, list or revoke, not '" + sub + "'");
        }
        try {
            Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
            if (!Pki.isInitialized(opt.dataDir())) {
                err.println("pacs share: " + opt.dataDir() + " is not initialized; run './pacs init --data "
                        + opt.dataDir() + "' first");
                return 1;
            }
            try (KeyRing keys = ArchiveKeyRing.open(config).keyRing()) {
                ShareStore shares = ShareStore.open(config.dataDir(), keys, Clock.systemUTC());
                return switch (sub) {
                    case "add" -> add(parseAdd(params), shares, config, keys, out, err);
                    case "list" -> list(parseList(params), shares, out);
                    default -> revoke(id(params), shares, config, keys, out, err);
                };
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("pacs share " + sub + ": " + e.getMessage());
            return 1;
        }
    }

    private static Add parseAdd(List<String> params) {
        if (params.isEmpty() || params.get(0).startsWith("--")) {
            throw new UsageException("'share add' needs a Study Instance UID");
        }
        String study;
        try {
            study = StudyShare.requireValidUid(params.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String with = null;
        int days = DEFAULT_DAYS;
        String by = IdentityAudit.operator("share");
        for (int i = 1; i < params.size(); i++) {
            String a = params.get(i);
            switch (a) {
                case "--with" -> with = InitCommand.value(params, ++i, a);
                case "--days" -> days = days(InitCommand.value(params, ++i, a));
                case "--by" -> by = InitCommand.value(params, ++i, a);
                default -> throw new UsageException("unexpected argument '" + a + "'");
            }
        }
        if (with == null) {
            throw new UsageException("'share add' needs --with USER");
        }
        return new Add(study, with, days, by);
    }

    private static Filter parseList(List<String> params) {
        String with = null;
        String study = null;
        for (int i = 0; i < params.size(); i++) {
            String a = params.get(i);
            switch (a) {
                case "--with" -> with = InitCommand.value(params, ++i, a);
                case "--study" -> study = InitCommand.value(params, ++i, a);
                default -> throw new UsageException("unexpected argument '" + a + "'");
            }
        }
        return new Filter(with, study);
    }

    private static int add(Add a, ShareStore shares, Config config, KeyRing keys, PrintStream out, PrintStream err)
            throws IOException {
        if (config.string(Settings.IDENTITY_MODE).equals("embedded")
                && UserStore.open(config.dataDir(), keys).find(a.with()).isEmpty()) {
            err.println("pacs share add: no user " + a.with() + " (identity.mode is embedded; add it with "
                    + "'pacs user add')");
            return 1;
        }
        StudyShare s = shares.share(a.study(), a.with(), a.by(), Duration.ofDays(a.days()));
        boolean audited = IdentityAudit.shareChange(config, keys, s, EventActionCode.C);
        out.println("shared study " + s.studyInstanceUid() + " with " + s.withUser() + " until " + s.expires()
                + " (share " + s.id() + ")");
        if (!audited) {
            err.println(IdentityAudit.HELD_BY_ARCHIVE);
        }
        return 0;
    }

    private static int list(Filter f, ShareStore shares, PrintStream out) throws IOException {
        Instant now = Instant.now();
        List<StudyShare> all = shares.all().stream()
                .filter(s -> f.with() == null || s.withUser().equalsIgnoreCase(f.with().strip()))
                .filter(s -> f.study() == null || s.studyInstanceUid().equals(f.study().strip()))
                .sorted(Comparator.comparing(StudyShare::expires)).toList();
        if (all.isEmpty()) {
            out.println("no shares");
            return 0;
        }
        out.printf("%-12s  %-8s  %-20s  %-20s  %-64s  %s%n", "ID", "STATUS", "WITH", "UNTIL", "STUDY", "BY");
        for (StudyShare s : all) {
            out.printf("%-12s  %-8s  %-20s  %-20s  %-64s  %s%n", s.id(), s.activeAt(now) ? "active" : "expired",
                    s.withUser(), s.expires().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), s.studyInstanceUid(),
                    s.by());
        }
        return 0;
    }

    private static int revoke(String id, ShareStore shares, Config config, KeyRing keys, PrintStream out,
            PrintStream err) throws IOException {
        StudyShare s = shares.revoke(id);
        boolean audited = IdentityAudit.shareChange(config, keys, s, EventActionCode.D);
        out.println("revoked share " + s.id() + ": " + s.withUser() + " no longer sees study " + s.studyInstanceUid()
                + " through it");
        if (!audited) {
            err.println(IdentityAudit.HELD_BY_ARCHIVE);
        }
        return 0;
    }

    private static String id(List<String> params) {
        if (params.size() != 1 || params.get(0).startsWith("--")) {
            throw new UsageException("'share revoke' needs one share ID (see 'pacs share list')");
        }
        return params.get(0);
    }

    private static int days(String text) {
        try {
            int d = Integer.parseInt(text);
            if (d >= 1 && d <= ShareStore.LONGEST.toDays()) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--days " + text + " is not a number of days from 1 to " + ShareStore.LONGEST.toDays());
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pacs.auth.audit.EventActionCode;
import org.pacs.auth.identity.EmbeddedIdentity;
import org.pacs.auth.identity.LocalUser;
import org.pacs.auth.identity.Role;
import org.pacs.auth.identity.SignInAudit;
import org.pacs.auth.identity.UserAccounts;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs user add|list|disable|enable|passwd}: the users of the embedded identity mode. Changes
 * take effect in a running archive at the next request: a disabled user's tokens stop working and a
 * new password ends the user's sessions. Passwords are generated and shown once, or read from
 * standard input with {@code --password-stdin} (never from the command line, where {@code ps} shows it).
 */
final class UserCommand implements Command {

    private final InputStream stdin;

    UserCommand() {
        this(System.in);
    }

    UserCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public String usage() {
        return "user add NAME --role ROLE [--role ROLE...] [--physician \"DOE^JOHN\"...] [--password-stdin] "
                + "| user list | user disable NAME | user enable NAME | user passwd NAME [--password-stdin]  [--data DIR]";
    }

    @Override
    public String summary() {
        return "add, list, disable, enable embedded users or set their password";
    }

    private record Add(String name, Set<Role> roles, Set<String> physicians, boolean passwordStdin) {
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> rest = opt.rest();
        if (rest.isEmpty()) {
            throw new UsageException("expected add, list, disable, enable or passwd");
        }
        String sub = rest.get(0);
        List<String> params = rest.subList(1, rest.size());
        switch (sub) {
            case "add" -> parseAdd(params);
            case "list" -> none(params);
            case "disable", "enable" -> name(params, sub, false);
            case "passwd" -> name(params, sub, true);
            default -> throw new UsageException("expected add, list, disable, enable or passwd, not '" + sub + "'");
        }
        try {
            Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
            if (!Pki.isInitialized(opt.dataDir())) {
                err.println("pacs user: " + opt.dataDir() + " is not initialized; run './pacs init --data "
                        + opt.dataDir() + "' first");
                return 1;
            }
            if (!config.string(Settings.IDENTITY_MODE).equals("embedded")) {
                err.println("note: identity.mode is " + config.string(Settings.IDENTITY_MODE) + "; embedded users are "
                        + "not used for sign-in until it is 'embedded' (manage OIDC users at the provider)");
            }
            try (KeyRing keys = ArchiveKeyRing.open(config).keyRing()) {
                EmbeddedIdentity identity = EmbeddedIdentity.open(config, keys, Clock.systemUTC(), SignInAudit.NONE);
                return switch (sub) {
                    case "add" -> add(parseAdd(params), identity.accounts(), config, keys, out, err);
                    case "list" -> list(identity.users().list(), out);
                    case "disable" -> disable(name(params, sub, false), identity.accounts(), config, keys, out, err);
                    case "enable" -> enable(name(params, sub, false), identity.accounts(), config, keys, out, err);
                    default -> passwd(name(params, sub, true), params.contains("--password-stdin"),
                            identity.accounts(), config, keys, out, err);
                };
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("pacs user " + sub + ": " + e.getMessage());
            return 1;
        }
    }

    private static Add parseAdd(List<String> params) {
        String name = name(params, "add", null);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> physicians = new LinkedHashSet<>();
        boolean stdin = false;
        for (int i = 1; i < params.size(); i++) {
            String a = params.get(i);
            switch (a) {
                case "--role" -> {
                    String r = InitCommand.value(params, ++i, a);
                    roles.add(Role.fromWireName(r).orElseThrow(() -> new UsageException("unknown role '" + r
                            + "'; one of " + Arrays.stream(Role.values()).map(Role::wireName).toList())));
                }
                case "--physician" -> {
                    try {
                        physicians.add(LocalUser.requireValidPhysicianName(InitCommand.value(params, ++i, a)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--physician: " + e.getMessage());
                    }
                }
                case "--password-stdin" -> stdin = true;
                default -> throw new UsageException("unexpected argument '" + a + "'");
            }
        }
        if (roles.isEmpty()) {
            throw new UsageException("'user add' needs at least one --role");
        }
        if (!physicians.isEmpty() && !roles.contains(Role.REFERRING_PHYSICIAN)) {
            throw new UsageException("--physician names matter only with --role referring-physician");
        }
        return new Add(name, roles, physicians, stdin);
    }

    private int add(Add a, UserAccounts accounts, Config config, KeyRing keys, PrintStream out, PrintStream err)
            throws IOException {
        char[] password = a.passwordStdin() ? readPassword() : accounts.generatePassword();
        try {
            LocalUser u = accounts.add(a.name(), a.roles(), a.physicians(), password);
            boolean audited = IdentityAudit.userChange(config, keys, u.name(), EventActionCode.C, "added with roles "
                    + roles(u) + (u.physicianNames().isEmpty() ? "" : " and " + u.physicianNames().size()
                    + " physician name(s)"));
            out.println("added " + u.name() + " with roles " + roles(u));
            if (!a.passwordStdin()) {
                out.println("password (shown once; give it to the user over a safe channel): " + new String(password));
            }
            notAudited(audited, err);
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static int list(List<LocalUser> users, PrintStream out) {
        if (users.isEmpty()) {
            out.println("no users; add one with 'pacs user add NAME --role ROLE'");
            return 0;
        }
        out.printf("%-24s  %-8s  %-36s  %-10s  %s%n", "NAME", "STATUS", "ROLES", "PHYSICIANS", "FAILED SIGN-INS");
        for (LocalUser u : users) {
            out.printf("%-24s  %-8s  %-36s  %-10d  %d%n", u.name(), u.enabled() ? "enabled" : "disabled", roles(u),
                    u.physicianNames().size(), u.failedAttempts());
        }
        return 0;
    }

    private static int disable(String name, UserAccounts accounts, Config config, KeyRing keys, PrintStream out,
            PrintStream err) throws IOException {
        LocalUser u = accounts.disable(name);
        boolean audited = IdentityAudit.userChange(config, keys, u.name(), EventActionCode.U, "disabled; sessions ended");
        out.println("disabled " + u.name() + "; its sessions are ended and its tokens refused from the next request");
        notAudited(audited, err);
        return 0;
    }

    private static int enable(String name, UserAccounts accounts, Config config, KeyRing keys, PrintStream out,
            PrintStream err) throws IOException {
        LocalUser u = accounts.enable(name);
        boolean audited = IdentityAudit.userChange(config, keys, u.name(), EventActionCode.U, "enabled; lockout cleared");
        out.println("enabled " + u.name() + " (failed sign-ins cleared)");
        notAudited(audited, err);
        return 0;
    }

    private int passwd(String name, boolean fromStdin, UserAccounts accounts, Config config, KeyRing keys,
            PrintStream out, PrintStream err) throws IOException {
        char[] password = fromStdin ? readPassword() : accounts.generatePassword();
        try {
            LocalUser u = accounts.setPassword(name, password);
            boolean audited = IdentityAudit.userChange(config, keys, u.name(), EventActionCode.U,
                    "password set; sessions ended");
            out.println("new password set for " + u.name() + "; its sessions are ended");
            if (!fromStdin) {
                out.println("password (shown once; give it to the user over a safe channel): " + new String(password));
            }
            notAudited(audited, err);
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** One line from standard input, without its line end. */
    private char[] readPassword() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = stdin.read()) != -1 && b != '\n') {
            if (line.size() > 4096) {
                throw new IllegalArgumentException("the password on standard input is too long");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        java.nio.CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, n));
        char[] exact = new char[decoded.remaining()];
        decoded.get(exact);
        Arrays.fill(bytes, (byte) 0);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return exact;
    }

    private static void notAudited(boolean audited, PrintStream err) {
        if (!audited) {
            err.println(IdentityAudit.HELD_BY_ARCHIVE);
        }
    }

    private static String roles(LocalUser u) {
        return String.join(",", u.roles().stream().sorted().map(Role::wireName).toList());
    }

    /** The NAME argument; {@code stdinFlagAllowed} null when the caller parses the rest itself. */
    private static String name(List<String> params, String sub, Boolean stdinFlagAllowed) {
        if (params.isEmpty() || params.get(0).startsWith("--")) {
            throw new UsageException("'user " + sub + "' needs a user name");
        }
        try {
            LocalUser.requireValidName(params.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (stdinFlagAllowed != null) {
            for (String p : params.subList(1, params.size())) {
                if (!(stdinFlagAllowed && p.equals("--password-stdin"))) {
                    throw new UsageException("unexpected argument '" + p + "'");
                }
            }
        }
        return params.get(0);
    }

    private static void none(List<String> params) {
        if (!params.isEmpty()) {
            throw new UsageException("unexpected arguments " + params);
        }
    }
}

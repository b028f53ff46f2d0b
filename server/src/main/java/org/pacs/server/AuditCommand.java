// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pacs.auth.audit.ActiveParticipant;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditFilter;
import org.pacs.auth.audit.AuditJson;
import org.pacs.auth.audit.AuditRecord;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.AuditTrailException;
import org.pacs.auth.audit.AuditTrailReader;
import org.pacs.auth.audit.CodedValue;
import org.pacs.auth.audit.EventOutcome;
import org.pacs.auth.audit.ParticipantObject;
import org.pacs.auth.audit.VerifyResult;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigException;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs audit verify|list}: checks the audit trail's hash chain (exit 0 intact, 1 broken, naming the
 * first bad record), or decrypts and prints its records, optionally filtered. Reading the trail is itself
 * audited (PS3.15 §A.5.3.2 Audit Log Used) when this command can open the writer.
 */
final class AuditCommand implements Command {

    /** The trail checked out, or was listed. */
    static final int OK = 0;
    /** The trail is damaged. */
    static final int BROKEN = 1;
    /** Nothing could be checked: no trail, no keys, wrong secret, bad configuration, directory in use. */
    static final int CANNOT_CHECK = 3;

    private final Map<String, String> env;
    private final Path dockerSecrets;
    private final Clock clock;

    AuditCommand() {
        this(System.getenv(), ArchiveKeyRing.DOCKER_SECRETS, Clock.systemUTC());
    }

    AuditCommand(Map<String, String> env, Path dockerSecrets, Clock clock) {
        this.env = env;
        this.dockerSecrets = dockerSecrets;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String usage() {
        return "audit verify|list [--data DIR] [--since 2026-01-01|24h] [--user U] [--ae AE] [--study UID] [--json]";
    }

    @Override
    public String summary() {
        return "verify the audit trail's hash chain, or decrypt and list its records";
    }

    /** What {@code list} was asked for. */
    private record ListOptions(AuditFilter filter, boolean json) {
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> rest = opt.rest();
        if (rest.isEmpty() || !List.of("verify", "list").contains(rest.get(0))) {
            throw new UsageException("expected 'verify' or 'list'");
        }
        boolean verify = rest.get(0).equals("verify");
        if (verify && rest.size() > 1) {
            throw new UsageException("verify takes no options but --data");
        }
        ListOptions listOptions = verify ? null : parseList(rest.subList(1, rest.size()));
        Path dataDir = opt.dataDir();
        if (!Files.isDirectory(dataDir.resolve(AuditTrail.DIRECTORY))) {
            err.println("pacs audit: there is no audit trail in " + dataDir);
            return CANNOT_CHECK;
        }
        // The key ring would create a new keystore (and secret) where none exists; the trail's keys
        // can only be in the existing one, so never open without it.
        if (!Files.exists(dataDir.resolve(KeyRing.KEYS_DIRECTORY).resolve("kek.keystore"))) {
            err.println("pacs audit: " + dataDir + " has an audit trail but no keystore ("
                    + KeyRing.KEYS_DIRECTORY + "/kek.keystore): its records cannot be opened. Restore the keystore");
            return CANNOT_CHECK;
        }
        try {
            Config config = ConfigLoader.load(dataDir, env);
            try (KeyRing keys = ArchiveKeyRing.open(config, env, dockerSecrets, KdfParameters.RECOMMENDED).keyRing()) {
                AuditTrailReader reader = AuditTrailReader.open(dataDir, keys);
                return verify ? verify(reader, out, err) : list(reader, listOptions, config, keys, out, err);
            }
        } catch (ConfigException e) {
            err.println("pacs: configuration error: " + e.getMessage());
            return CANNOT_CHECK;
        } catch (IOException e) {
            err.println("pacs audit: " + e.getMessage());
            return CANNOT_CHECK;
        }
    }

    private ListOptions parseList(List<String> args) {
        AuditFilter filter = AuditFilter.all();
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (!List.of("--since", "--user", "--ae", "--study").contains(a)) {
                throw new UsageException("unknown option " + a);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(a + " needs a value");
            }
            String value = args.get(++i);
            filter = switch (a) {
                case "--since" -> {
                    try {
                        yield filter.withSince(AuditFilter.parseSince(value, clock));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--user" -> filter.withUser(value);
                case "--ae" -> filter.withAeTitle(value);
                default -> filter.withStudy(value);
            };
        }
        return new ListOptions(filter, json);
    }

    private static int verify(AuditTrailReader reader, PrintStream out, PrintStream err) throws IOException {
        VerifyResult result = reader.verify();
        result.notes().forEach(note -> out.println("note: " + note));
        if (result.intact()) {
            out.println("audit trail intact: " + result.records() + " records, the last is record "
                    + result.lastSequence());
            return OK;
        }
        err.println("audit trail BROKEN at record " + result.firstBadSequence().orElseThrow() + ": "
                + result.problem());
        err.println("records 1.." + result.lastSequence() + " check out");
        return BROKEN;
    }

    private int list(AuditTrailReader reader, ListOptions options, Config config, KeyRing keys, PrintStream out,
            PrintStream err) throws IOException {
        int status = OK;
        try {
            long shown = reader.read(options.filter(), r -> out.println(options.json() ? AuditJson.write(r) : line(r)));
            if (!options.json()) {
                out.println("(" + shown + " records)");
            }
        } catch (AuditTrailException e) {
            err.println("pacs audit: " + e.getMessage() + "; the records before it were listed");
            status = BROKEN;
        }
        recordAuditLogUsed(config, keys, reader, err);
        return status;
    }

    /**
     * PS3.15 §A.5.3.2: reading the trail is audited. Possible only when no server holds the writer (which
     * is always so today, since the key ring's lock keeps this command from running beside a server).
     */
    private void recordAuditLogUsed(Config config, KeyRing keys, AuditTrailReader reader, PrintStream err) {
        String host = localHostName();
        String aeTitle = config.string(Settings.AE_TITLE);
        AuditEvents events = new AuditEvents(AuditSource.of(aeTitle), Actor.ae(aeTitle, host), clock);
        Actor operator = Actor.user(System.getProperty("user.name", "unknown"), host)
                .withAlternativeUserId(Long.toString(ProcessHandle.current().pid()));
        try (AuditTrail trail = AuditTrail.open(config.dataDir(), keys)) {
            trail.append(events.auditLogUsed(operator, reader.directory().toAbsolutePath().toUri().toString()));
        } catch (IOException e) {
            err.println("pacs audit: this reading could not be recorded in the trail: " + e.getMessage());
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** {@code #seq time event [types] action outcome: description | participants | objects}. */
    static String line(AuditRecord record) {
        AuditEvent e = record.event();
        StringBuilder b = new StringBuilder();
        b.append('#').append(record.sequence()).append(' ').append(e.dateTime()).append(' ')
                .append(e.eventId().originalText());
        if (!e.eventTypeCodes().isEmpty()) {
            b.append(" (").append(e.eventTypeCodes().stream().map(CodedValue::originalText)
                    .collect(Collectors.joining(", "))).append(')');
        }
        if (e.actionCode() != null) {
            b.append(' ').append(e.actionCode().meaning());
        }
        b.append(' ').append(e.outcome() == EventOutcome.SUCCESS ? "success" : e.outcome().meaning().toLowerCase());
        if (e.outcomeDescription() != null) {
            b.append(": ").append(e.outcomeDescription());
        }
        b.append(" | ").append(e.activeParticipants().stream().map(AuditCommand::participant)
                .collect(Collectors.joining(", ")));
        if (!e.participantObjects().isEmpty()) {
            b.append(" | ").append(e.participantObjects().stream().map(AuditCommand::object)
                    .collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    private static String participant(ActiveParticipant p) {
        String who = p.userId() + (p.networkAccessPointId() == null ? "" : "@" + p.networkAccessPointId());
        String roles = p.roleIdCodes().stream().map(CodedValue::originalText).collect(Collectors.joining("/"));
        return who + (p.userIsRequestor() ? " (requestor)" : "") + (roles.isEmpty() ? "" : " [" + roles + "]");
    }

    private static String object(ParticipantObject o) {
        String text = o.idTypeCode().originalText() + " " + o.id();
        if (o.queryBase64() != null) {
            text += " query=" + o.queryBase64();
        }
        for (ParticipantObject.Detail d : o.details()) {
            text += " " + d.type() + "=" + d.value();
        }
        return text;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.PrintStream;
import org.pacs.conf.ConfigException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ./pacs} command line: one subcommand per operator task. Each command is a
 * {@link Command}; this class only dispatches and turns failures into exit codes.
 */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main() {
        register(new VersionCommand());
        register(new ConfigCommand());
        register(new InitCommand());
        register(new AeCommand());
        register(new StartCommand());
        register(new StatusCommand());
        register(new DoctorCommand());
        register(new ReindexCommand());
        register(new KeysCommand());
        register(new DumpCommand());
        register(new AuditCommand());
        register(new ImportCommand());
        register(new ExportCommand());
        register(new DeleteCommand());
        register(new BackupCommand());
        register(new RestoreCommand());
        register(new ScanCommand());
        register(new VerifyCommand());
        register(new UserCommand());
        register(new ShareCommand());
        register(new MetricsCommand());
    }

    private void register(Command command) {
        commands.put(command.name(), command);
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(new Main().run(args, System.out, System.err));
    }

    /** The archive's own logging setup, unless the operator named a file with java.util.logging.config.file. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (java.io.InputStream in = Main.class.getResourceAsStream("/pacs-logging.properties")) {
            if (in != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            }
        } catch (java.io.IOException e) {
            System.err.println("pacs: logging configuration unreadable, using the JDK's: " + e.getMessage());
        }
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("pacs: unknown command '" + args[0] + "'");
            usage(err);
            return 2;
        }
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println("pacs " + command.name() + ": " + e.getMessage());
            err.println("usage: pacs " + command.usage());
            return 2;
        } catch (ConfigException e) {
            // Every command reads the configuration; a mistake in it reads the same everywhere.
            err.println("pacs: configuration error: " + e.getMessage());
            return 1;
        }
    }

    private void usage(PrintStream out) {
        out.println("Secure PACS " + VersionCommand.version());
        out.println("usage: pacs COMMAND [ARGS...]");
        out.println();
        out.println("commands:");
        listCommands(out);
    }

    void listCommands(PrintStream out) {
        for (Command c : commands.values()) {
            out.printf("  %-40s %s%n", c.usage(), c.summary());
        }
    }
}

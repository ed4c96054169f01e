package org.dustwatch.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.dustwatch.aqi.AqiCli;
import org.dustwatch.bench.BenchCli;
import org.dustwatch.cli.Cli;
import org.dustwatch.report.CampaignReportCli;
import org.dustwatch.simulator.ReplayCli;
import org.dustwatch.simulator.SimulateCli;
import org.dustwatch.stack.ReportCli;
import org.dustwatch.stack.StackCli;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dustwatch}, the one command line: what {@code bin/dustwatch} runs after it has built the
 * project. Each command is a picocli command of the module that does its work.
 */
@Command(
        name = "dustwatch",
        mixinStandardHelpOptions = true,
        versionProvider = DustwatchCli.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Streaming analytics for road-haulage dust enforcement: a real local Kafka and"
                    + " influxd, a simulated district, the Flink jobs, and what they wrote.",
            "",
            "Quick start: bin/dustwatch demo, then bin/dustwatch test.",
            ""
        },
        subcommands = {
            SetupCommand.class,
            StackCli.class,
            SimulateCli.class,
            ReplayCli.class,
            RunCommand.class,
            RecomputeCommand.class,
            ReportCli.class,
            CampaignReportCli.class,
            AqiCli.class,
            BenchCli.class,
            DemoCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footer = {
            "",
            "bin/dustwatch runs one more command itself, before any Java is built:",
            "  test [MAVEN OPTIONS]  every test: mvn -B verify (unit tests, integration tests",
            "                        on a real Kafka and influxd, the format check)",
            "",
            "Each command takes --help. Data, logs and pid files live under .dustwatch/",
            "(DUSTWATCH_HOME). Shell completion: source <(bin/dustwatch generate-completion)"
        })
public final class DustwatchCli implements Callable<Integer> {

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The root command with every subcommand, set up as {@link Cli#configure} says. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new DustwatchCli());
        // A tool for the shell, not a command to list: `source <(bin/dustwatch
        // generate-completion)`.
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return Cli.configure(cl, out, err);
    }

    /** Without a command: the list of commands. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The Maven project version, filtered into {@code version.properties} at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = DustwatchCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"dustwatch " + p.getProperty("version", "(unknown version)")};
        }
    }
}

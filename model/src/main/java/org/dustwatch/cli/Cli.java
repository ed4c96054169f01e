package org.dustwatch.cli;

import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What every dustwatch command line shares, on top of picocli: the converters of its value types,
 * and errors as one line naming the command, with exit code 2 for bad input ({@link #USAGE}) and 1
 * for a failure ({@link #FAILURE}). The root command ({@code bin/dustwatch}) and each command run
 * on its own (in tests, or the simulator's image) go through {@link #configure}.
 */
public final class Cli {

    /** The exit code of bad input: an unknown option, a bad value, a missing argument. */
    public static final int USAGE = 2;

    /** The exit code of a command that could not do its work. */
    public static final int FAILURE = 1;

    private Cli() {}

    /** {@code -h}/{@code --help} for a command: {@code @Mixin Cli.Help help;}. */
    public static final class Help {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help and exit.")
        boolean help;
    }

    /**
     * A command failed and says why in one line, e.g. a service that does not answer. The root
     * prints {@code dustwatch COMMAND: MESSAGE} and exits with {@link #FAILURE}.
     */
    public static class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Runs one command on its own, named {@code dustwatch NAME} as under the root command. */
    public static int run(Object command, String[] args) {
        return run(command, args, System.out, System.err);
    }

    /** {@link #run(Object, String[])} with the output and errors sent where the caller says. */
    public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setCommandName("dustwatch " + cl.getCommandName());
        return configure(cl, out, err).execute(args);
    }

    /**
     * Sets up a command line and the subcommands it has so far: the converters, the one-line
     * errors, and its output and error streams.
     */
    public static CommandLine configure(CommandLine cl, PrintStream out, PrintStream err) {
        cl.setOut(writer(out));
        cl.setErr(writer(err));
        ITypeConverter<Long> longs = Cli::wholeNumber;
        ITypeConverter<Integer> ints = s -> Math.toIntExact(wholeNumber(s));
        cl.registerConverter(Long.class, longs);
        cl.registerConverter(long.class, longs);
        cl.registerConverter(Integer.class, ints);
        cl.registerConverter(int.class, ints);
        cl.registerConverter(Double.class, Cli::number);
        cl.registerConverter(double.class, Cli::number);
        cl.registerConverter(Duration.class, Cli::duration);
        cl.registerConverter(Instant.class, Cli::instant);
        cl.registerConverter(LocalDate.class, Cli::date);
        // The usage line first, then the one-line header: "Usage: dustwatch run ...", "The jobs..."
        List<String> sections = new ArrayList<>(cl.getHelpSectionKeys());
        sections.removeAll(List.of(SECTION_KEY_HEADER_HEADING, SECTION_KEY_HEADER));
        int after = sections.indexOf(SECTION_KEY_SYNOPSIS) + 1;
        sections.addAll(after, List.of(SECTION_KEY_HEADER_HEADING, SECTION_KEY_HEADER));
        cl.setHelpSectionKeys(sections);
        spaceOut(cl);
        cl.setParameterExceptionHandler(Cli::badInput);
        cl.setExecutionExceptionHandler(Cli::failed);
        return cl;
    }

    /** A blank line between the header and the description, and before a list of commands. */
    private static void spaceOut(CommandLine cl) {
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        if (usage.header().length > 0 && usage.descriptionHeading().isEmpty()) {
            usage.descriptionHeading("%n");
        }
        if (usage.commandListHeading().equals("Commands:%n")) {
            usage.commandListHeading("%nCommands:%n");
        }
        cl.getSubcommands().values().forEach(Cli::spaceOut);
    }

    /** Fails with a one-line usage error unless {@code min <= value <= max}. */
    public static long range(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(
                    option + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** {@link #range(String, long, long, long)} for ints. */
    public static int range(String option, int value, int min, int max) {
        return (int) range(option, (long) value, min, max);
    }

    /** Fails with a one-line usage error unless {@code value} is a share in [0, 1]. */
    public static double share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new UsageException(option + " must be in [0, 1], was " + value);
        }
        return value;
    }

    /** A whole number; {@code 1_000_000} is allowed for readability. */
    static long wholeNumber(String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a whole number");
        }
    }

    static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number");
        }
    }

    static Duration duration(String s) {
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + s + "' is not an ISO-8601 duration like PT2H or P7D");
        }
    }

    static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + s + "' is not an instant like 2026-11-28T00:00:00Z");
        }
    }

    static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + s + "' is not a date like 2026-03-01");
        }
    }

    /** picocli's parse errors, and {@link ParameterException}s from a command: one line, 2. */
    private static int badInput(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        return error(cl, message + " (see --help)", USAGE);
    }

    /** {@link UsageException} (2) and {@link Failure} (1) as one line; anything else as picocli. */
    private static int failed(Exception e, CommandLine cl, ParseResult parsed) throws Exception {
        if (e instanceof UsageException) {
            return error(cl, e.getMessage(), USAGE);
        }
        if (e instanceof Failure) {
            return error(cl, e.getMessage(), FAILURE);
        }
        throw e;
    }

    private static int error(CommandLine cl, String message, int code) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message.replace('\n', ' '));
        err.flush();
        return code;
    }

    /** Writes through the stream's own encoding, as {@code System.out.print} does. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(
                new Writer() {
                    @Override
                    public void write(char[] chars, int off, int len) {
                        stream.append(CharBuffer.wrap(chars, off, len));
                    }

                    @Override
                    public void flush() {
                        stream.flush();
                    }

                    @Override
                    public void close() {
                        stream.flush();
                    }
                },
                true);
    }
}

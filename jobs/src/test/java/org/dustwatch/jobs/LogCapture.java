package org.dustwatch.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line of this JVM at INFO and above, with the text of logged exceptions, from {@link
 * #start()} to {@link #close()}: for checking that secrets and plates never reach a log.
 */
final class LogCapture implements AutoCloseable {
    private static final String NAME = "dustwatch-test-capture";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final LoggerConfig root;
    private final Level before;

    private LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        root = context.getConfiguration().getRootLogger();
        before = root.getLevel();
        Appender capture =
                new AbstractAppender(NAME, null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        lines.add(event.getMessage().getFormattedMessage());
                        if (event.getThrown() != null) {
                            lines.add(String.valueOf(event.getThrown()));
                        }
                    }
                };
        capture.start();
        root.addAppender(capture, Level.ALL, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** The lines captured so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.removeAppender(NAME);
        root.setLevel(before);
        context.updateLoggers();
    }
}

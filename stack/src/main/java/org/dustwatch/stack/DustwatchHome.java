package org.dustwatch.stack;

import java.nio.file.Path;

/**
 * The project-local directory that holds the stack's data, logs, pid files and unprivileged tool
 * installs: system property {@code dustwatch.home}, else {@code $DUSTWATCH_HOME}, else {@code
 * ./.dustwatch}.
 */
public final class DustwatchHome {
    private DustwatchHome() {}

    public static Path resolve() {
        String prop = System.getProperty("dustwatch.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        String env = System.getenv("DUSTWATCH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(".dustwatch").toAbsolutePath();
    }
}

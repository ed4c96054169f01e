package org.dustwatch.commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.InfluxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dustwatch setup}: what the local commands need. bin/dustwatch installs influxd (if it is
 * missing) and builds the project before any Java runs, since both must happen before this class
 * exists; this command then checks the result and says where things are.
 */
@Command(
        name = "setup",
        header = "Install influxd if missing and build the project.",
        description = {
            "Install influxd if missing and build the project (bin/dustwatch does both before"
                    + " this command starts); then say what is ready.",
            ""
        })
public final class SetupCommand implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Override
    public Integer call() {
        Path influxd =
                InfluxServer.locateInfluxd(DustwatchHome.resolve())
                        .orElseThrow(
                                () ->
                                        new Cli.Failure(
                                                "influxd not found: "
                                                        + InfluxServer.HOW_TO_INSTALL));
        System.out.println("==> Ready: influxd at " + influxd + ", build in */target");
        return 0;
    }
}

package io.denoiser.tools.commands;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.console.BuildVersion;
import io.denoiser.model.data.BadDataException;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.stream.app.StartupException;
import io.denoiser.stream.inference.ServingModelException;
import io.denoiser.tools.ToolException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code denoiser-tools}: the client tools people run against any broker, and the demo and the benchmark. */
@Command(
        name = "denoiser-tools",
        mixinStandardHelpOptions = true,
        versionProvider = ToolsCli.Version.class,
        subcommands = CommandLine.HelpCommand.class,
        description = "Publishes and reads images, shows the whole system at work, and measures it.")
public final class ToolsCli {

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int exitCode = cli.execute(args);
        // picocli's writers flush on println only; a table ended by print() would be lost on exit
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(exitCode);
    }

    /**
     * Builds the {@code denoiser-tools} command line with its subcommands, enum values accepted in any case, and
     * one policy for failures: what a user can act on is one line and exit status 1, anything else a stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new ToolsCli())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new PublishCommand())
                .addSubcommand(new ConsumeCommand())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new ModelsCommand())
                .addSubcommand(new BrokerCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(ToolsCli::oneLine);
    }

    private static int oneLine(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ToolException
                || e instanceof BadDataException
                || e instanceof ArtifactException
                || e instanceof ServingModelException
                || e instanceof StartupException
                || e instanceof InvalidRecordException
                || e instanceof KafkaException
                || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            command.getErr().println("denoiser " + command.getCommandName() + ": " + e.getMessage());
            return 1;
        }
        throw e;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"denoiser-tools " + BuildVersion.of("/denoiser-tools.properties")};
        }
    }
}

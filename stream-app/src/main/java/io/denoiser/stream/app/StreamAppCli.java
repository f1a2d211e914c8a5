package io.denoiser.stream.app;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.console.BuildVersion;
import io.denoiser.stream.inference.ServingModelException;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code denoiser-stream}: the stream app's commands. */
@Command(
        name = "denoiser-stream",
        mixinStandardHelpOptions = true,
        versionProvider = StreamAppCli.Version.class,
        subcommands = CommandLine.HelpCommand.class,
        description = "Denoises images on Kafka topics with a model artifact written by the trainer.")
public final class StreamAppCli {

    public static void main(String[] args) {
        CommandLine cli = commandLine(System.getenv());
        int exitCode = cli.execute(args);
        // picocli's writers flush on println only; a table ended by print() would be lost on exit
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(exitCode);
    }

    /**
     * Builds the {@code denoiser-stream} command line with its subcommands, enum values accepted in any case.
     *
     * @param environment where {@code DENOISER_*} settings are read, normally {@code System.getenv()}
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        return new CommandLine(new StreamAppCli())
                .addSubcommand(new RunCommand(environment))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(StreamAppCli::oneLine);
    }

    /**
     * What a user can act on is one line and exit status 1; anything else a stack trace. A ConfigException is a
     * KafkaException: a bad setting reads like any other refusal.
     */
    private static int oneLine(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            command.getErr().println("denoiser-stream: interrupted");
            return 1;
        }
        if (e instanceof KafkaException
                || e instanceof ArtifactException
                || e instanceof ServingModelException
                || e instanceof StartupException) {
            command.getErr().println("denoiser-stream: " + e.getMessage());
            return 1;
        }
        throw e;
    }

    /** The app's version, from the build. */
    static String version() {
        return BuildVersion.of("/denoiser-stream.properties");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"denoiser-stream " + version()};
        }
    }
}

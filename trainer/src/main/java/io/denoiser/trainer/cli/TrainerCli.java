package io.denoiser.trainer.cli;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.console.BuildVersion;
import io.denoiser.model.data.BadDataException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code denoiser-trainer}: train a model artifact, or evaluate one against baselines. */
@Command(
        name = "denoiser-trainer",
        mixinStandardHelpOptions = true,
        versionProvider = TrainerCli.Version.class,
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            BenchTrainingCommand.class,
            CommandLine.HelpCommand.class
        },
        description = "Trains the denoising autoencoder and evaluates model artifacts.")
public final class TrainerCli {

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int exitCode = cli.execute(args);
        // picocli's writers flush on println only; a table ended by print() would be lost on exit
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(exitCode);
    }

    /** The command line with the error handling every entry point shares: messages, not stack traces. */
    public static CommandLine commandLine() {
        return new CommandLine(new TrainerCli()).setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof BadDataException
                    || e instanceof ArtifactException
                    || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException
                    || e instanceof UncheckedIOException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
    }

    /** The trainer's version, from the build. */
    public static String version() {
        return BuildVersion.of("/denoiser-trainer.properties");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"denoiser-trainer " + version()};
        }
    }
}

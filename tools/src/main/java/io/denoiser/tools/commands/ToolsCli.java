package io.denoiser.tools.commands;

import io.denoiser.model.console.BuildVersion;
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

    /** Builds the {@code denoiser-tools} command line with its subcommands, enum values accepted in any case. */
    public static CommandLine commandLine() {
        return new CommandLine(new ToolsCli())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new PublishCommand())
                .addSubcommand(new ConsumeCommand())
                .addSubcommand(new BenchCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"denoiser-tools " + BuildVersion.of("/denoiser-tools.properties")};
        }
    }
}

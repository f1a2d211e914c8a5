package io.denoiser.tools.commands;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.models.ModelControlRecords;
import io.denoiser.tools.ClientOptions;
import io.denoiser.tools.ModelTopic;
import io.denoiser.tools.ToolException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code models}: new models for running apps, through the models control topic {@code <application.id>.models}
 * (see {@link ModelControlRecords}). Every instance of the app verifies and swaps to the version the topic names.
 */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Publishes, lists and rolls back the models that running apps serve (the control topic"
                + " <application.id>.models).",
        subcommands = {ModelsCommand.Publish.class, ModelsCommand.ListVersions.class, ModelsCommand.Rollback.class})
final class ModelsCommand {

    /** Where the control topic is: shared by the subcommands. */
    static final class TopicOptions {

        @Mixin
        ClientOptions client;

        @Option(
                names = "--application-id",
                description = "The app's application.id; its control topic is <application.id>.models. Default:"
                        + " the app's default")
        String applicationId = StreamAppConfig.defaults().applicationId();

        @Option(names = "--topic", description = "The control topic, when not <application.id>.models")
        String topic;

        ModelTopic open() {
            return new ModelTopic(
                    client.properties(), topic != null ? topic : ModelControlRecords.topicOf(applicationId));
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = "Publishes a model artifact folder and makes it the model to serve. Each app instance"
                    + " checks it first (checksums, shapes, runtime agreement, quality on its probe set) and keeps"
                    + " its model when the new one fails.",
            footer = {"", "Example: ./denoiser models publish work/finetuned"})
    static final class Publish implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        TopicOptions options;

        @Parameters(paramLabel = "<dir>", description = "Model artifact folder (model.json, model.zip, model.onnx).")
        Path artifact;

        @Option(
                names = "--force",
                description = "Serve it even when its PSNR on the probe set is more than model.quality.margin.db"
                        + " below the serving model's.")
        boolean force;

        @Override
        public Integer call() {
            ModelMetadata metadata = ArtifactLoader.readMetadata(artifact);
            ArtifactLoader.load(artifact); // checksums and shapes, before any instance downloads it
            byte[] record = ModelControlRecords.pack(artifact);
            if (record.length > ModelControlRecords.MAX_RECORD_BYTES) {
                throw new ToolException("the artifact packs into " + record.length + " bytes, more than the "
                        + ModelControlRecords.MAX_RECORD_BYTES + " a control record may hold");
            }
            ModelTopic topic = options.open();
            topic.ensureExists();
            String previous = topic.read()
                    .pointer()
                    .map(ModelControlRecords.Pointer::version)
                    .orElse(null);
            String version = metadata.modelVersion();
            topic.write(
                    Optional.of(record),
                    new ModelControlRecords.Pointer(
                            version, force, previous, "publish", Instant.now().toString()));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "published %s (%,d bytes%s) to %s; it replaces %s on every instance that accepts it%n",
                            version,
                            record.length,
                            force ? ", forced past the quality gate" : "",
                            topic.name(),
                            previous == null ? "the model of model.dir" : previous);
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the versions on the control topic, and the one that serves.")
    static final class ListVersions implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        TopicOptions options;

        @Override
        public Integer call() {
            ModelTopic topic = options.open();
            ModelTopic.Contents contents = topic.read();
            PrintWriter out = spec.commandLine().getOut();
            if (contents.versions().isEmpty()) {
                out.println("no models on " + topic.name() + ": the apps serve the model of their model.dir");
                return 0;
            }
            String current =
                    contents.pointer().map(ModelControlRecords.Pointer::version).orElse("");
            for (Map.Entry<String, Integer> version : contents.versions().entrySet()) {
                out.printf(
                        "%s %s  %,d bytes%n",
                        version.getKey().equals(current) ? "*" : " ", version.getKey(), version.getValue());
            }
            contents.pointer()
                    .ifPresent(pointer -> out.printf(
                            "* serves: %s (%s%s at %s%s)%n",
                            pointer.version(),
                            pointer.action(),
                            pointer.force() ? ", forced" : "",
                            pointer.publishedAt(),
                            pointer.previous() == null ? "" : ", replacing " + pointer.previous()));
            return 0;
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Points the apps back at an earlier version on the control topic: the one served before the"
                    + " current one, or --to. A rollback skips the quality gate (the version served before);"
                    + " checksums, shapes and runtime agreement are checked again.")
    static final class Rollback implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        TopicOptions options;

        @Option(names = "--to", paramLabel = "<version>", description = "The version to serve, as `models list` shows")
        String to;

        @Override
        public Integer call() {
            ModelTopic topic = options.open();
            ModelTopic.Contents contents = topic.read();
            ModelControlRecords.Pointer current = contents.pointer()
                    .orElseThrow(() -> new ToolException("nothing to roll back: " + topic.name()
                            + " names no model (the apps serve their model.dir)"));
            String target = to != null ? to : earlier(current, contents);
            if (!contents.versions().containsKey(target)) {
                throw new ToolException(target + " is not on " + topic.name() + "; it holds "
                        + String.join(", ", contents.versions().keySet()));
            }
            if (target.equals(current.version())) {
                throw new ToolException(target + " serves already");
            }
            topic.write(
                    Optional.empty(),
                    new ModelControlRecords.Pointer(
                            target,
                            true,
                            current.version(),
                            "rollback",
                            Instant.now().toString()));
            spec.commandLine().getOut().printf("rolled back %s to %s on %s%n", current.version(), target, topic.name());
            return 0;
        }

        private static String earlier(ModelControlRecords.Pointer current, ModelTopic.Contents contents) {
            if (current.previous() != null && contents.versions().containsKey(current.previous())) {
                return current.previous();
            }
            List<String> versions = new ArrayList<>(contents.versions().keySet());
            int at = versions.indexOf(current.version());
            if (at <= 0) {
                throw new ToolException("no version before " + current.version() + " on the topic: use --to");
            }
            return versions.get(at - 1);
        }
    }
}

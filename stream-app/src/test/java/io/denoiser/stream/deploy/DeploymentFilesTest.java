package io.denoiser.stream.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.denoiser.stream.config.ConfigSources;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.config.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml, the Dockerfile and .dockerignore, held to the code they deploy. No Docker engine runs these
 * files here, so the tests read them as text and check what a container would get: every variable is one the app
 * reads, the topics are the app's, the listeners fit together, the build is the launcher's, the memory bounds add
 * up. A typo in any of them fails a test rather than a container that starts and ignores a setting.
 */
class DeploymentFilesTest {

    private static final Path ROOT =
            Path.of(System.getProperty("denoiser.root", "..")).toAbsolutePath().normalize();
    private static final long GIB = 1L << 30;

    @Nested
    class TheComposeFile {

        private final Compose compose = Compose.read(ROOT.resolve("docker-compose.yml"));
        private final Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"));

        @Test
        void shouldRunKafkaOfTheAppsClientVersionInKraftCombinedMode() {
            Map<String, String> kafka = compose.environment("kafka");

            assertThat(compose.service("kafka").path("image").asText())
                    .isEqualTo("apache/kafka:" + rootPomProperty("kafka.version"));
            assertThat(kafka.get("KAFKA_PROCESS_ROLES").split(",")).containsExactlyInAnyOrder("broker", "controller");
            String controller =
                    listeners(kafka.get("KAFKA_LISTENERS")).get(kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
            assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isEqualTo(kafka.get("KAFKA_NODE_ID") + "@kafka:" + port(controller));
            assertThat(kafka.get("CLUSTER_ID")).isNotBlank();
        }

        @Test
        void shouldAdvertiseAnInternalListenerToContainersAndLocalhost9092ToTheHost() {
            Map<String, String> kafka = compose.environment("kafka");
            Map<String, String> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
            Map<String, String> bound = listeners(kafka.get("KAFKA_LISTENERS"));
            String controller = kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES");

            assertThat(advertised).hasSize(2).containsValue("localhost:9092").containsValue(internalListener());
            assertThat(strings(compose.service("kafka").path("ports"))).contains("9092:9092");
            assertThat(advertised.get(kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME")))
                    .isEqualTo(internalListener());
            assertThat(bound.keySet())
                    .containsExactlyInAnyOrderElementsOf(union(advertised.keySet(), Set.of(controller)));
            advertised.forEach((name, address) ->
                    assertThat(port(bound.get(name))).as(name).isEqualTo(port(address)));
            assertThat(Stream.of(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")
                                    .split(","))
                            .map(nameAndProtocol -> nameAndProtocol.split(":", -1)[0]))
                    .containsExactlyInAnyOrderElementsOf(bound.keySet());
        }

        @Test
        void shouldKeepOneReplicaOfEveryInternalTopicOnItsOnlyBroker() {
            Map<String, String> kafka = compose.environment("kafka");

            assertThat(kafka)
                    .containsKeys(
                            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR");
            kafka.forEach((variable, value) -> {
                if (variable.endsWith("_REPLICATION_FACTOR") || variable.endsWith("_MIN_ISR")) {
                    assertThat(value).as(variable).isEqualTo("1");
                }
            });
        }

        @Test
        void shouldReportKafkaHealthyWhenItsInternalListenerAnswers() {
            JsonNode healthcheck = compose.service("kafka").path("healthcheck");
            List<String> test = strings(healthcheck.path("test"));

            assertThat(test).first().isEqualTo("CMD");
            assertThat(optionValue(test, "--bootstrap-server")).isEqualTo("localhost:" + port(internalListener()));
            assertThat(healthcheck.path("interval").asText()).isNotBlank();
            assertThat(healthcheck.path("retries").asInt()).isPositive();
        }

        @Test
        void shouldCreateTheAppsTopicsOnceKafkaIsHealthy() {
            JsonNode topicInit = compose.service("topic-init");
            TopicNames topics = denoiserConfig().topics();
            List<List<String>> creations = compose.script("topic-init")
                    .lines()
                    .map(String::strip)
                    .filter(line -> line.contains("kafka-topics.sh") && line.contains("--create"))
                    .map(Shell::words)
                    .toList();

            assertThat(topicInit.path("image").asText())
                    .isEqualTo(compose.service("kafka").path("image").asText());
            assertThat(topicInit.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
            assertThat(creations)
                    .extracting(words -> optionValue(words, "--topic"))
                    .containsExactlyInAnyOrder(topics.input(), topics.output(), topics.deadLetter());
            assertThat(topics)
                    .as("the topics the host's tools use by default")
                    .isEqualTo(StreamAppConfig.defaults().topics());
            assertThat(creations).allSatisfy(words -> {
                assertThat(words).contains("--if-not-exists");
                assertThat(optionValue(words, "--bootstrap-server")).isEqualTo(internalListener());
                String partitions = compose.shellValue("topic-init", optionValue(words, "--partitions"));
                assertThat(Integer.parseInt(partitions)).isPositive();
            });
            assertThat(topicInit.path("restart").asText()).isEqualTo("no");
        }

        @Test
        void shouldSetOnlyVariablesTheAppOrItsImageReads() {
            Set<String> readByEntrypoint = dockerfile.entrypointVariables("stream-app");

            assertThat(compose.environment("denoiser").keySet())
                    .filteredOn(variable -> !isReadByTheApp(variable) && !readByEntrypoint.contains(variable))
                    .as("variables of the denoiser service that neither the app nor the image's entrypoint reads")
                    .isEmpty();
        }

        @Test
        void shouldGiveTheAppAValidConfigThatReachesKafkaOnItsInternalListener() {
            // a bad value throws here, naming its key, as the app would at start-up
            StreamAppConfig config = denoiserConfig();

            assertThat(config.bootstrapServers()).isEqualTo(internalListener());
            assertThat(compose.service("denoiser")
                            .at("/depends_on/topic-init/condition")
                            .asText())
                    .isEqualTo("service_completed_successfully");
        }

        @Test
        void shouldServeTheModelFromAReadOnlyMountAndKeepTheStateOnANamedVolume() {
            StreamAppConfig config = denoiserConfig();
            List<Mount> mounts = compose.mounts("denoiser");

            assertThat(mounts)
                    .filteredOn(mount -> mount.holds(config.model().dir()))
                    .singleElement()
                    .satisfies(mount ->
                            assertThat(mount.readOnly()).as("read-only").isTrue())
                    .satisfies(mount -> assertThat(ROOT.resolve(mount.source()).resolve("model.json"))
                            .isRegularFile());
            assertThat(mounts)
                    .filteredOn(mount -> mount.holds(config.stateDir()))
                    .singleElement()
                    .satisfies(mount ->
                            assertThat(mount.readOnly()).as("read-only").isFalse())
                    .satisfies(
                            mount -> assertThat(compose.root().path("volumes").has(mount.source()))
                                    .as("%s is a named volume", mount.source())
                                    .isTrue());
        }

        @Test
        void shouldFitTheAppsHeapDirectBuffersAndNd4jIntoItsMemoryLimit() {
            long limit =
                    Sizes.bytes(compose.service("denoiser").path("mem_limit").asText());

            assertThat(limit).isPositive();
            assertFitsWithin(compose.environment("denoiser").get("JAVA_OPTS"), limit);
        }

        /**
         * Compose spells out the bounds the image's percentages give at compose's own limit, so the two must agree:
         * the same heap share and direct buffers, JavaCPP's bounds within 10% of the image's at that limit, the JVM
         * exiting on OutOfMemoryError in both, and no swap beyond the limit. The reliability tests run the app with
         * the image's options at this limit (SoakIT, LargeImagesUnderMemoryLimitIT; docs/RELIABILITY.md).
         */
        @Test
        void shouldBoundMemoryAsTheImageDoesAtComposesLimit() {
            long limit =
                    Sizes.bytes(compose.service("denoiser").path("mem_limit").asText());
            String imageOptions = dockerfile.environment("stream-app").get("JAVA_OPTS");
            String composeOptions = compose.environment("denoiser").get("JAVA_OPTS");
            long[] image = memoryBounds(imageOptions, limit);
            long[] composed = memoryBounds(composeOptions, limit);

            assertThat(composed[0]).as("heap").isEqualTo(image[0]);
            assertThat(composed[1]).as("direct buffers").isEqualTo(image[1]);
            assertThat((double) composed[2]).as("JavaCPP maxbytes").isCloseTo((double) image[2], withinPercentage(10));
            assertThat((double) composed[3])
                    .as("JavaCPP maxphysicalbytes")
                    .isCloseTo((double) image[3], withinPercentage(10));
            assertThat(Shell.words(imageOptions)).contains("-XX:+ExitOnOutOfMemoryError");
            assertThat(Shell.words(composeOptions)).contains("-XX:+ExitOnOutOfMemoryError");
            assertThat(Sizes.bytes(
                            compose.service("denoiser").path("memswap_limit").asText()))
                    .as("memswap_limit")
                    .isEqualTo(limit);
        }

        @Test
        void shouldLetTheAppFinishItsBatchesBeforeKillingItAndRestartItAfterAFailure() {
            JsonNode denoiser = compose.service("denoiser");

            assertThat(Durations.parse(denoiser.path("stop_grace_period").asText()))
                    .isGreaterThan(denoiserConfig().timeouts().shutdown());
            assertThat(denoiser.path("restart").asText()).isEqualTo("unless-stopped");
        }

        @Test
        void shouldRunTheTrainerOnlyUnderItsProfile() {
            assertThat(strings(compose.service("trainer").path("profiles"))).containsExactly("train");
            assertThat(compose.service("trainer").at("/build/target").asText()).isEqualTo("trainer");
        }

        @Test
        void shouldTrainFromTheReadOnlyDataIntoTheModelsFolderWithOptionsTheTrainCommandDefines() throws IOException {
            List<String> command = strings(compose.service("trainer").path("command"));
            List<Mount> mounts = compose.mounts("trainer");
            String trainCommand =
                    Files.readString(ROOT.resolve("trainer/src/main/java/io/denoiser/trainer/cli/TrainCommand.java"));
            Set<String> defined = matches(trainCommand, "names = \"(--[\\w-]+)\"");

            assertThat(command).first().isEqualTo("train");
            assertThat(command).filteredOn(word -> word.startsWith("--")).isSubsetOf(defined);
            for (String input : List.of("--train-images", "--test-images")) {
                assertThat(mountHolding(mounts, optionValue(command, input)).readOnly())
                        .as(input)
                        .isTrue();
            }
            for (String output : List.of("--output", "--checkpoints")) {
                assertThat(mountHolding(mounts, optionValue(command, output)).readOnly())
                        .as(output)
                        .isFalse();
            }
        }

        /** The environment the app sees in its container: the image's, then the service's. */
        private StreamAppConfig denoiserConfig() {
            Map<String, String> environment = new HashMap<>(dockerfile.environment("stream-app"));
            environment.putAll(compose.environment("denoiser"));
            return StreamAppConfig.load(null, environment);
        }

        /** The address the broker advertises under its own service name, for the other containers. */
        private String internalListener() {
            return listeners(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).values().stream()
                    .filter(address -> address.startsWith("kafka:"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Nested
    class TheImages {

        private final Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"));
        private final Launcher launcher = Launcher.read(ROOT.resolve("denoiser"));

        @ParameterizedTest
        @ValueSource(strings = {"stream-app", "trainer"})
        void shouldBuildEachAppWithTheLaunchersMavenCommand(String module) throws IOException {
            List<String> mavenConfig = Shell.words(Files.readString(ROOT.resolve(".mvn/maven.config")));
            List<List<String>> installs = dockerfile.mavenCommands().stream()
                    .filter(words -> words.contains("install") && module.equals(optionValue(words, "-pl")))
                    .toList();

            assertThat(installs)
                    .singleElement()
                    .satisfies(install -> assertThat(without(install, mavenConfig))
                            .as("the image's build, apart from .mvn/maven.config's flags, is the launcher's but for -q")
                            .isEqualTo(without(launcher.buildCommand(module), List.of("-q"))));
            assertThat(dockerfile.baseImage("build"))
                    .isEqualTo("eclipse-temurin:" + rootPomProperty("maven.compiler.release") + "-jdk");
        }

        @Test
        void shouldHaveEveryStageComposeBuildsFromTheProjectRoot() {
            JsonNode services =
                    Compose.read(ROOT.resolve("docker-compose.yml")).root().path("services");

            services.properties().forEach(service -> {
                JsonNode build = service.getValue().path("build");
                if (!build.isMissingNode()) {
                    assertThat(build.path("context").asText())
                            .as(service.getKey())
                            .isEqualTo(".");
                    assertThat(dockerfile.stages())
                            .as(service.getKey())
                            .contains(build.path("target").asText());
                }
            });
            assertThat(dockerfile.stages()).contains("build", "stream-app", "trainer");
        }

        @Test
        void shouldStartTheStreamAppsRunCommandAsTheLauncherDoes() throws ReflectiveOperationException {
            String script = dockerfile.entrypointScript("stream-app");
            String mainClass = mainClassIn(script);

            assertThat(mainClass).isEqualTo(launcher.mainClass("run"));
            assertThat(Class.forName(mainClass).getMethod("main", String[].class))
                    .isNotNull();
            assertThat(script).contains(mainClass + " run ").contains("exec java $JAVA_OPTS ");
        }

        @Test
        void shouldStartTheTrainerAsTheLauncherDoes() {
            String script = dockerfile.entrypointScript("trainer");

            assertThat(mainClassIn(script))
                    .isEqualTo(launcher.mainClass("train"))
                    .isEqualTo("io.denoiser.trainer.cli.TrainerCli");
            assertThat(script).contains("exec java $JAVA_OPTS ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"stream-app", "trainer"})
        void shouldRunEachAppOnAJreAsAnUnprivilegedUser(String stage) {
            assertThat(dockerfile.baseImage(stage))
                    .isEqualTo("eclipse-temurin:" + rootPomProperty("maven.compiler.release") + "-jre");
            assertThat(dockerfile.arguments(stage, "USER")).isNotEmpty().last().isNotIn("root", "0");
        }

        @Test
        void shouldExpectTheModelAtTheMountPointAndBoundMemoryByDefault() {
            Map<String, String> environment = dockerfile.environment("stream-app");

            assertThat(environment).containsEntry("DENOISER_MODEL_DIR", "/models/default");
            assertThat(environment.keySet())
                    .filteredOn(variable -> variable.startsWith(StreamAppConfigDef.ENVIRONMENT_PREFIX))
                    .allMatch(DeploymentFilesTest::isReadByTheApp);
            for (long limit : List.of(GIB, 2 * GIB, 8 * GIB)) {
                assertFitsWithin(environment.get("JAVA_OPTS"), limit);
            }
        }

        @Test
        void shouldPassTheJvmOnlyOptionsItAccepts() throws IOException, InterruptedException {
            List<String> javaOpts = List.of(
                    dockerfile.environment("stream-app").get("JAVA_OPTS"),
                    dockerfile.environment("trainer").get("JAVA_OPTS"),
                    Compose.read(ROOT.resolve("docker-compose.yml"))
                            .environment("denoiser")
                            .get("JAVA_OPTS"));

            for (String options : javaOpts) {
                List<String> command = new ArrayList<>();
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(Shell.words(options));
                command.add("-version");
                Process java =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(java.getInputStream().readAllBytes(), UTF_8);
                assertThat(java.waitFor(60, SECONDS)).isTrue();
                assertThat(java.exitValue())
                        .as("java %s -version:%n%s", options, output)
                        .isZero();
            }
        }

        @Test
        void shouldSendTheSourcesToTheBuildAndKeepOutBuildsDataModelsAndHistory() throws IOException {
            DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));
            Stream<String> modules =
                    matches(Files.readString(ROOT.resolve("pom.xml")), "<module>([^<]+)</module>").stream();
            List<String> sources = Stream.concat(
                            Stream.of("pom.xml", "mvnw", ".mvn/maven.config", ".mvn/wrapper/maven-wrapper.properties"),
                            modules.flatMap(module -> Stream.of(
                                    module + "/pom.xml",
                                    module + "/src/main/java/Any.java",
                                    module + "/src/main/resources/any.properties")))
                    .toList();

            assertThat(sources)
                    .filteredOn(ignore::excludes)
                    .as("sources left out of the build context")
                    .isEmpty();
            assertThat(List.of(
                            ".git/HEAD",
                            "target/x.jar",
                            "stream-app/target/classes/A.class",
                            "work/checkpoints/x",
                            "data/mnist/train-images-idx3-ubyte",
                            "models/default/model.zip"))
                    .filteredOn(path -> !ignore.excludes(path))
                    .as("sent into the build context")
                    .isEmpty();
        }
    }

    /** Whether the app takes the variable as a setting, by the very mapping it applies to its environment. */
    private static boolean isReadByTheApp(String variable) {
        Set<String> keys = ConfigSources.merge(null, Map.of(variable, "any")).keySet();
        if (variable.startsWith(StreamAppConfigDef.ENVIRONMENT_KAFKA_PREFIX)) {
            return !keys.isEmpty() && keys.stream().allMatch(DeploymentFilesTest::isKafkaSetting);
        }
        return keys.stream().anyMatch(StreamAppConfigDef::isAppKey);
    }

    /** A key Kafka Streams or one of its clients defines, bare or with the prefix that addresses one client. */
    private static boolean isKafkaSetting(String key) {
        String bare = Stream.of(
                        StreamsConfig.MAIN_CONSUMER_PREFIX,
                        StreamsConfig.RESTORE_CONSUMER_PREFIX,
                        StreamsConfig.GLOBAL_CONSUMER_PREFIX,
                        StreamsConfig.CONSUMER_PREFIX,
                        StreamsConfig.PRODUCER_PREFIX,
                        StreamsConfig.ADMIN_CLIENT_PREFIX)
                .filter(key::startsWith)
                .findFirst()
                .map(prefix -> key.substring(prefix.length()))
                .orElse(key);
        return StreamsConfig.configDef().names().contains(bare)
                || ProducerConfig.configNames().contains(bare)
                || ConsumerConfig.configNames().contains(bare)
                || AdminClientConfig.configNames().contains(bare);
    }

    /**
     * The JVM options bound the heap (a share of the limit), direct buffers, and JavaCPP's off-heap memory (its
     * percentages are of the heap); those three fit under JavaCPP's ceiling on the resident size, and that under
     * the container's limit.
     */
    private static void assertFitsWithin(String javaOpts, long limit) {
        Map<String, String> options = new HashMap<>();
        for (String word : Shell.words(javaOpts)) {
            Matcher option = Pattern.compile("-(?:XX:|D)([\\w.]+)=(.+)").matcher(word);
            if (option.matches()) {
                options.put(option.group(1), option.group(2));
            }
        }
        assertThat(options)
                .as(javaOpts)
                .containsKeys(
                        "MaxRAMPercentage",
                        "MaxDirectMemorySize",
                        "org.bytedeco.javacpp.maxbytes",
                        "org.bytedeco.javacpp.maxphysicalbytes");
        long heap = (long) (limit * Double.parseDouble(options.get("MaxRAMPercentage")) / 100);
        long direct = Sizes.bytes(options.get("MaxDirectMemorySize"));
        long offHeap = Pointer.parseBytes(options.get("org.bytedeco.javacpp.maxbytes"), heap);
        long resident = Pointer.parseBytes(options.get("org.bytedeco.javacpp.maxphysicalbytes"), heap);

        assertThat(heap + direct + offHeap)
                .as("heap + direct + off-heap of %s within %,d bytes", javaOpts, limit)
                .isLessThan(resident);
        assertThat(resident)
                .as("JavaCPP's ceiling of %s within %,d bytes", javaOpts, limit)
                .isLessThanOrEqualTo(limit);
    }

    /** Heap, direct buffers, JavaCPP's off-heap bound and its resident bound, in bytes, at {@code limit}. */
    private static long[] memoryBounds(String javaOpts, long limit) {
        Map<String, String> options = new HashMap<>();
        for (String word : Shell.words(javaOpts)) {
            Matcher option = Pattern.compile("-(?:XX:|D)([\\w.]+)=(.+)").matcher(word);
            if (option.matches()) {
                options.put(option.group(1), option.group(2));
            }
        }
        long heap = (long) (limit * Double.parseDouble(options.get("MaxRAMPercentage")) / 100);
        return new long[] {
            heap,
            Sizes.bytes(options.get("MaxDirectMemorySize")),
            Pointer.parseBytes(options.get("org.bytedeco.javacpp.maxbytes"), heap),
            Pointer.parseBytes(options.get("org.bytedeco.javacpp.maxphysicalbytes"), heap)
        };
    }

    /** A property of the root pom, such as the Kafka version the app is built with. */
    private static String rootPomProperty(String name) {
        String pom = String.join("\n", readLines(ROOT.resolve("pom.xml")));
        return matches(pom, "<" + Pattern.quote(name) + ">([^<]+)</").stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("the root pom sets no " + name));
    }

    /** The main class an entrypoint script starts. */
    private static String mainClassIn(String script) {
        return matches(script, "\\b(io\\.denoiser(?:\\.\\w+)+)\\b").stream()
                .findFirst()
                .orElseThrow();
    }

    /** Kafka listeners, {@code NAME://host:port,...}, by name. */
    private static Map<String, String> listeners(String value) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : value.split(",", -1)) {
            String[] nameAndAddress = listener.strip().split("://", 2);
            listeners.put(nameAndAddress[0], nameAndAddress[1]);
        }
        return listeners;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static Mount mountHolding(List<Mount> mounts, String path) {
        return mounts.stream()
                .filter(mount -> mount.holds(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " is on no mount of " + mounts));
    }

    private static String optionValue(List<String> words, String option) {
        int at = words.indexOf(option);
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }

    private static List<String> without(List<String> words, List<String> left) {
        return words.stream().filter(word -> !left.contains(word)).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    /** docker-compose.yml after compose's interpolation with an empty host environment ({@code ${X:-default}}). */
    private record Compose(JsonNode root) {

        private static final Pattern VARIABLE = Pattern.compile("\\$(\\$|\\{(\\w+)(?::?-([^}]*))?}|\\w+)");

        static Compose read(Path file) {
            try {
                Matcher variable = VARIABLE.matcher(Files.readString(file));
                String interpolated = variable.replaceAll(match -> Matcher.quoteReplacement(
                        match.group(1).equals("$") ? "$" : match.group(3) != null ? match.group(3) : ""));
                return new Compose(new ObjectMapper(new YAMLFactory()).readTree(interpolated));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode service(String name) {
            JsonNode service = root.path("services").path(name);
            assertThat(service.isObject()).as("service %s", name).isTrue();
            return service;
        }

        Map<String, String> environment(String service) {
            Map<String, String> environment = new LinkedHashMap<>();
            JsonNode node = service(service).path("environment");
            if (node.isObject()) {
                node.properties()
                        .forEach(entry ->
                                environment.put(entry.getKey(), entry.getValue().asText()));
            }
            if (node.isArray()) {
                strings(node).forEach(entry -> {
                    String[] variable = entry.split("=", 2);
                    environment.put(variable[0], variable.length > 1 ? variable[1] : "");
                });
            }
            return environment;
        }

        List<Mount> mounts(String service) {
            return strings(service(service).path("volumes")).stream()
                    .map(Mount::parse)
                    .toList();
        }

        /** The script a service runs with {@code bash -c} (or {@code sh -c}). */
        String script(String service) {
            List<String> command = new ArrayList<>(strings(service(service).path("entrypoint")));
            command.addAll(strings(service(service).path("command")));
            return optionValue(command, "-c");
        }

        /** A word of a service's script after the shell's expansion of {@code $X} from the service's environment. */
        String shellValue(String service, String word) {
            Matcher variable = Pattern.compile("\\$\\{?(\\w+)}?").matcher(word);
            Map<String, String> environment = environment(service);
            return variable.replaceAll(match -> Matcher.quoteReplacement(environment.getOrDefault(match.group(1), "")));
        }
    }

    /** A volume in compose's short syntax, {@code source:target[:ro]}. */
    private record Mount(String source, String target, boolean readOnly) {

        static Mount parse(String shortSyntax) {
            String[] parts = shortSyntax.split(":", -1);
            return new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro"));
        }

        boolean holds(Path path) {
            return path.normalize().startsWith(Path.of(target));
        }
    }

    /** The Dockerfile's instructions, continuation lines joined and comments dropped, each with its stage. */
    private record Dockerfile(List<Instruction> instructions) {

        private record Instruction(String stage, String keyword, String arguments) {}

        private static final Pattern FROM = Pattern.compile("(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);

        static Dockerfile read(Path file) {
            List<Instruction> instructions = new ArrayList<>();
            String stage = null;
            StringBuilder logicalLine = new StringBuilder();
            for (String line : readLines(file)) {
                String text = line.strip();
                if (text.startsWith("#") || text.isEmpty()) {
                    continue;
                }
                if (text.endsWith("\\")) {
                    logicalLine.append(text, 0, text.length() - 1).append(' ');
                    continue;
                }
                String[] instruction = logicalLine.append(text).toString().split("\\s+", 2);
                logicalLine.setLength(0);
                String keyword = instruction[0].toUpperCase(Locale.ROOT);
                String arguments = instruction.length > 1 ? instruction[1] : "";
                if (keyword.equals("FROM")) {
                    Matcher from = FROM.matcher(arguments);
                    stage = from.matches() ? from.group(2) : null;
                }
                instructions.add(new Instruction(stage, keyword, arguments));
            }
            return new Dockerfile(instructions);
        }

        Set<String> stages() {
            Set<String> stages = new TreeSet<>();
            instructions.stream()
                    .filter(i -> i.keyword().equals("FROM") && i.stage() != null)
                    .forEach(i -> stages.add(i.stage()));
            return stages;
        }

        List<String> arguments(String stage, String keyword) {
            return instructions.stream()
                    .filter(i -> stage.equals(i.stage()) && i.keyword().equals(keyword))
                    .map(Instruction::arguments)
                    .toList();
        }

        String baseImage(String stage) {
            return Shell.words(arguments(stage, "FROM").get(0)).get(0);
        }

        Map<String, String> environment(String stage) {
            Map<String, String> environment = new LinkedHashMap<>();
            arguments(stage, "ENV")
                    .forEach(arguments -> Shell.words(arguments).forEach(word -> {
                        String[] variable = word.split("=", 2);
                        environment.put(variable[0], variable[1]);
                    }));
            return environment;
        }

        /** The stage's ENTRYPOINT (exec form), as one line. */
        String entrypointScript(String stage) {
            List<String> entrypoint = arguments(stage, "ENTRYPOINT");
            assertThat(entrypoint).as("ENTRYPOINT of %s", stage).hasSize(1);
            try {
                return String.join(" ", new ObjectMapper().readValue(entrypoint.get(0), String[].class));
            } catch (IOException e) {
                throw new AssertionError("ENTRYPOINT of " + stage + " is not a JSON array: " + entrypoint, e);
            }
        }

        Set<String> entrypointVariables(String stage) {
            return matches(entrypointScript(stage), "\\$\\{?(\\w+)");
        }

        /** Every {@code ./mvnw} command the RUN instructions chain with {@code &&}, as words. */
        List<List<String>> mavenCommands() {
            return instructions.stream()
                    .filter(i -> i.keyword().equals("RUN"))
                    .flatMap(i -> Stream.of(i.arguments().split("&&")))
                    .map(Shell::words)
                    .map(words -> words.stream()
                            .dropWhile(word -> word.startsWith("--mount="))
                            .toList())
                    .filter(words -> !words.isEmpty() && words.get(0).equals("./mvnw"))
                    .toList();
        }
    }

    /** The {@code ./denoiser} launcher script. */
    private record Launcher(String script) {

        private static final Pattern CASE_ARM = Pattern.compile("(?ms)^\\s*([\\w|-]+)\\)(.*?);;");
        private static final Pattern RUN_MODULE = Pattern.compile("run_module\\s+(\\S+)\\s+(\\S+)");

        static Launcher read(Path file) {
            return new Launcher(String.join("\n", readLines(file)));
        }

        /** The Maven command the launcher builds a module with, its output redirection left out. */
        List<String> buildCommand(String module) {
            String line = script.lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("./mvnw "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the launcher runs no ./mvnw command"));
            return Shell.words(line).stream()
                    .filter(word -> !word.startsWith(">"))
                    .map(word -> word.replace("$module", module))
                    .toList();
        }

        /** The main class the launcher starts for a command, from the case arm that handles it. */
        String mainClass(String command) {
            Matcher arm = CASE_ARM.matcher(script);
            while (arm.find()) {
                Matcher runModule = RUN_MODULE.matcher(arm.group(2));
                if (List.of(arm.group(1).split("\\|")).contains(command) && runModule.find()) {
                    return runModule.group(2);
                }
            }
            throw new AssertionError("the launcher starts no main class for " + command);
        }
    }

    /** .dockerignore: the last pattern that matches a path, or one of its folders, decides ({@code !} keeps). */
    private record DockerIgnore(List<String> patterns) {

        static DockerIgnore read(Path file) {
            return new DockerIgnore(readLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList());
        }

        boolean excludes(String path) {
            boolean excluded = false;
            for (String pattern : patterns) {
                boolean keep = pattern.startsWith("!");
                if (matches(keep ? pattern.substring(1) : pattern, Path.of(path))) {
                    excluded = !keep;
                }
            }
            return excluded;
        }

        private static boolean matches(String pattern, Path path) {
            List<String> globs = pattern.startsWith("**/") ? List.of(pattern, pattern.substring(3)) : List.of(pattern);
            for (int folders = 1; folders <= path.getNameCount(); folders++) {
                Path prefix = path.subpath(0, folders);
                if (globs.stream()
                        .anyMatch(glob -> FileSystems.getDefault()
                                .getPathMatcher("glob:" + glob)
                                .matches(prefix))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Words of a shell or Dockerfile line: split at blanks outside quotes, quotes removed. */
    private static final class Shell {

        static List<String> words(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    inWord = true;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }
    }

    /** Sizes as Docker and the JVM write them: {@code 2g}, {@code 512m}, {@code 1024k}, bytes; binary units. */
    private static final class Sizes {

        static long bytes(String size) {
            Matcher matcher = Pattern.compile("(\\d+)([bkmg]?)b?", Pattern.CASE_INSENSITIVE)
                    .matcher(size.strip());
            assertThat(matcher.matches()).as("a size: %s", size).isTrue();
            int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            return Long.parseLong(matcher.group(1)) << shift;
        }
    }

    /** Durations as compose writes them: {@code 45s}, {@code 1m30s}, {@code 500ms}. */
    private static final class Durations {

        static Duration parse(String text) {
            Matcher part = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
            Duration duration = Duration.ZERO;
            int end = 0;
            while (part.find() && part.start() == end) {
                long amount = Long.parseLong(part.group(1));
                duration = duration.plus(
                        switch (part.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            default -> Duration.ofHours(amount);
                        });
                end = part.end();
            }
            assertThat(end).as("a duration: %s", text).isEqualTo(text.length()).isPositive();
            return duration;
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

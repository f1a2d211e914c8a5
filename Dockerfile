# syntax=docker/dockerfile:1

# Images of the denoiser: `stream-app` serves a model artifact on Kafka topics, `trainer` writes artifacts.
# docker-compose.yml builds both (README, "Running with docker-compose"). Both are configured only through
# environment variables, and the model is mounted at run time, never baked in.

# build: the JDK and Maven live only here. It runs the very Maven command the ./denoiser launcher runs on a
# developer's machine (DeploymentFilesTest compares the two), so the image holds what the tests built; the
# wrapper reads .mvn/maven.config too, the platform flag is repeated to make the native libraries' choice visible.
# The cache mount keeps ~/.m2 (Maven itself and every dependency) between builds without putting it in a layer.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp install -DskipTests -Dspotless.check.skip=true -pl stream-app -am -Djavacpp.platform=linux-x86_64 \
 && ./mvnw -B -ntp dependency:copy-dependencies -pl stream-app -DincludeScope=runtime -DoutputDirectory=target/lib \
 && mkdir -p /out/stream-app \
 && cp -r stream-app/target/lib /out/stream-app/lib \
 && cp "$(ls stream-app/target/denoiser-stream-app-*.jar | grep -v -- '-tests.jar')" /out/stream-app/app.jar

# build-trainer: the same command for the trainer, in its own stage so that building the stream-app image
# never compiles what only training needs.
FROM build AS build-trainer
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp install -DskipTests -Dspotless.check.skip=true -pl trainer -am -Djavacpp.platform=linux-x86_64 \
 && ./mvnw -B -ntp dependency:copy-dependencies -pl trainer -DincludeScope=runtime -DoutputDirectory=target/lib \
 && mkdir -p /out/trainer \
 && cp -r trainer/target/lib /out/trainer/lib \
 && cp "$(ls trainer/target/denoiser-trainer-*.jar | grep -v -- '-tests.jar')" /out/trainer/app.jar

# stream-app: a JRE and the jars, run by an unprivileged user. The heap is only part of the app's memory: ND4J
# keeps arrays off-heap (counted by JavaCPP), Kafka's clients use direct buffers, and ONNX Runtime and RocksDB
# allocate natively besides. So JAVA_OPTS bounds the heap as a share of the container's memory limit, direct
# buffers, and JavaCPP (its percentages are of the heap: 20% and 88% of the limit here); compose overrides it.
# The state folder exists in the image, owned by the app's user, so that a named volume mounted on it is too.
FROM eclipse-temurin:17-jre AS stream-app
RUN groupadd --system --gid 10001 denoiser \
 && useradd --system --uid 10001 --gid denoiser --create-home --home-dir /home/denoiser denoiser \
 && mkdir -p /var/lib/denoiser/state \
 && chown -R denoiser:denoiser /var/lib/denoiser
COPY --from=build /out/stream-app/ /app/
ENV DENOISER_MODEL_DIR=/models/default \
    DENOISER_STATE_DIR=/var/lib/denoiser/state \
    DENOISER_HTTP_HOST=0.0.0.0 \
    DENOISER_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=40 -XX:MaxDirectMemorySize=128m -Dorg.bytedeco.javacpp.maxbytes=50% -Dorg.bytedeco.javacpp.maxphysicalbytes=220% -XX:+ExitOnOutOfMemoryError"
USER denoiser
WORKDIR /home/denoiser
EXPOSE 8080
# liveness from the app's own /health/live (503 after a fatal error, a dead stream thread or a stall); bash's
# /dev/tcp, since the JRE image has no curl. The start period covers loading the model and joining the group.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${DENOISER_HTTP_PORT:-8080} && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# sh only expands $JAVA_OPTS; exec makes java PID 1, so `docker stop`'s SIGTERM reaches the app's shutdown hook
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -cp '/app/app.jar:/app/lib/*' io.denoiser.stream.app.StreamAppCli run \"$@\"", "denoiser-stream"]
CMD []

# trainer: the same shape for `train` and `evaluate` (arguments from compose's `command:`). Compose may run it
# as the host's user so that artifacts on the ./models bind mount belong to them; such a user may have no home,
# hence JavaCPP's native-library cache in /tmp.
FROM eclipse-temurin:17-jre AS trainer
RUN groupadd --system --gid 10001 denoiser \
 && useradd --system --uid 10001 --gid denoiser --create-home --home-dir /home/denoiser denoiser
COPY --from=build-trainer /out/trainer/ /app/
ENV JAVA_OPTS="-XX:MaxRAMPercentage=50 -Dorg.bytedeco.javacpp.maxbytes=60% -Dorg.bytedeco.javacpp.maxphysicalbytes=180% -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp-cache"
USER denoiser
WORKDIR /home/denoiser
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -cp '/app/app.jar:/app/lib/*' io.denoiser.trainer.cli.TrainerCli \"$@\"", "denoiser-trainer"]
CMD ["--help"]

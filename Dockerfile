# StockTicker container image.
#
#   docker build -t stockticker .
#   docker run --rm -p 8080:8080 stockticker          # then open http://localhost:8080/
#
# Two stages: the Maven wrapper builds the Spring Boot jar from source in a JDK image, and the jar's layers
# are copied into a JRE image. Nothing has to be built on the host first.
#
# Java 25 is the current LTS (Java 17, the project's source level, and 21 are older LTS releases). A Java 17
# build runs unchanged on 25, and 25 has the longest free support ahead of it. Eclipse Temurin is the
# OpenJDK build most Docker users know; its 25-jre image is Ubuntu 24.04 with a JRE and nothing else.
# The names are fully qualified so that Podman and Buildah resolve them exactly as Docker does, without a
# short-name prompt. scripts/container-smoke-test.sh builds and runs this file on a machine with no Docker
# engine and no registry, with stand-ins tagged with these two names (Debian 13 with its own OpenJDK 25).
#
# Configuration is all through environment variables (Spring Boot's relaxed binding), for example
#   docker run --rm -p 9090:9090 -e SERVER_PORT=9090 -e TICKER_MARKET_SEED=42 stockticker
#   SERVER_PORT                       HTTP port inside the container (default 8080; publish the same one)
#   TICKER_MARKET_SEED                seed of the price model: the same seed replays the same prices
#                                     (unset: a random seed, logged at start-up)
#   TICKER_MARKET_TICK_INTERVAL       time between two quote batches, e.g. 250ms (default) or 1s
#   TICKER_WEBSOCKET_ALLOWED_ORIGINS  comma-separated origin patterns browsers may open /ws from, e.g.
#                                     https://*.example.com (default: same origin only; non-browser
#                                     clients, which send no Origin header, are always allowed)
#   SPRING_DATASOURCE_URL             PostgreSQL for orders, accounts and the market, e.g.
#   SPRING_DATASOURCE_USERNAME        jdbc:postgresql://db:5432/ticker, with its user and password
#   SPRING_DATASOURCE_PASSWORD        (default: an embedded database in the volume /data)
#   SERVER_SSL_BUNDLE                 HTTPS and wss:// on SERVER_PORT with a PEM certificate and key mounted
#   SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_CERTIFICATE   into the container (README.md, "TLS"), e.g.
#   SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_PRIVATEKEY    -v /etc/stockticker/tls:/certs:ro -e SERVER_SSL_BUNDLE=web
#                                     -e SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_CERTIFICATE=/certs/tls.crt
#                                     -e SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_PRIVATEKEY=/certs/tls.key
#                                     -e MANAGEMENT_SERVER_PORT=8081 (the health check below needs plain HTTP)
#   MANAGEMENT_SERVER_PORT            a port of its own for /actuator, unpublished or published apart
#   JAVA_TOOL_OPTIONS                 JVM flags; setting it replaces the defaults below, so repeat the
#                                     ones to keep. To change a single flag, JDK_JAVA_OPTIONS is easier:
#                                     the launcher reads it after JAVA_TOOL_OPTIONS, so it wins, e.g.
#                                     -e JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=50
#   Any other Spring Boot property works the same way, e.g. LOGGING_LEVEL_COM_STOCKTICKER=debug.

# ---- build: compile and package with the Maven wrapper, then split the jar into layers ----------------
FROM docker.io/library/eclipse-temurin:25-jdk AS build
WORKDIR /workspace

# The wrapper and the POM first, sources last: a change to src/ reuses the layers above it.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY src/ src/

# The cache mount keeps ~/.m2 (Maven itself, downloaded by the wrapper, and every dependency) between
# builds, so a rebuild after a source change downloads nothing. Docker needs BuildKit for it (the default
# builder since Docker 23); Buildah and Podman support it too. The tests are not run here: they need a
# browser and Node.js, and CI runs them with ./mvnw verify outside the image (.dockerignore leaves
# src/test out of the build context for the same reason).
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw --batch-mode --no-transfer-progress -Dmaven.test.skip=true package \
    && cp target/*.jar application.jar

# Spring Boot 4's jar tools (the old layertools mode is gone): one directory per layer, each holding what
# it contributes to the layout application.jar + lib/. The application layer changes on every build, the
# dependencies layer (about 30 MB) only when the POM does, so a rebuilt image reuses it.
# Without --launcher, application.jar is a plain jar whose manifest lists lib/*.jar on its class path, and
# `java -jar application.jar` starts it without the Boot loader: this is the form Spring Boot's reference
# documentation recommends for containers (and the one CDS or a Java 25 AOT cache can be added to).
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# ---- run: JRE only, non-root ---------------------------------------------------------------------------
FROM docker.io/library/eclipse-temurin:25-jre

# A fixed numeric UID, so that Kubernetes' runAsNonRoot can check it; a real passwd entry gives the JVM a
# user.home. The application's files stay owned by root: the process can read them, not change them.
RUN groupadd --gid 10001 stockticker \
    && useradd --uid 10001 --gid stockticker --home-dir /application --no-create-home \
        --shell /usr/sbin/nologin stockticker \
    && mkdir /data && chown 10001:10001 /data

# Orders, accounts and the market are kept in an embedded database in /data, the one directory the
# process may write: mount a volume there (docker run -v stockticker-data:/data ...) so that they outlive the
# container. With PostgreSQL (SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD) nothing is written there.
VOLUME /data

WORKDIR /application
# Least likely to change first, so that each layer is reused as long as the ones below it are.
# (Without --launcher the spring-boot-loader layer is empty; it is copied anyway, so that the image keeps
# the layer order if the extraction is ever switched to the launcher form.)
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# The JVM sizes its heap from the container's memory limit: 75% of it rather than the default 25%
# (the rest is for metaspace, threads, direct buffers and the code cache). On an OutOfMemoryError the
# process exits, so that the container is restarted instead of limping on. The parallel collector rather
# than G1: fanning a tick out stores a new reference into every subscriber's long-lived connection state,
# and G1's background refinement of those stores took a third of the CPU at 10,000 subscribers
# (docs/performance.md).
# A management port (MANAGEMENT_SERVER_PORT, when set) serves plain HTTP even when SERVER_PORT serves TLS: Spring Boot
# would give it the main port's certificate, and the health check below cannot speak TLS. It is meant for the
# container's neighbours (the health check, a prometheus scraper, probes), not for the internet.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC" \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_SSL_ENABLED=false \
    TICKER_STORAGE_DATA_DIRECTORY=/data

USER 10001:10001
EXPOSE 8080

# Healthy means ready: /actuator/health/readiness answers 200 {"status":"UP"} once the application takes
# traffic, 503 before that and while it shuts down. The JRE image has neither curl nor wget (Temurin's
# images removed them), and installing one would add packages, a network step and more to patch, while a
# JVM per check would cost a second of CPU and tens of MB each time. bash is in every Debian or Ubuntu
# image and can speak plain HTTP through /dev/tcp, so the check is one bash command: send the request, look
# for "UP" in the answer. It follows SERVER_PORT (and MANAGEMENT_SERVER_PORT, if the actuator is moved to
# its own port). With TLS on SERVER_PORT, set MANAGEMENT_SERVER_PORT: the TLS port answers plain HTTP with nothing
# but a TLS alert, and the container would stay unhealthy. Startup takes a few seconds; the start period allows
# for a slow, CPU-limited host.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]

# Exec form: java is PID 1 and gets SIGTERM from `docker stop`, which starts Spring's graceful shutdown
# (server.shutdown=graceful): requests in flight finish, WebSocket sessions are closed.
ENTRYPOINT ["java", "-jar", "application.jar"]

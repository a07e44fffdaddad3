# syntax=docker/dockerfile:1
# recstream's production image: the layered Spring Boot jar on a JRE, run as a non-root user.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl bootstrap -am package \
 && java -Djarmode=tools -jar bootstrap/target/recstream.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app recstream \
 && mkdir -p /data/recordings && chown recstream /data/recordings && chmod 750 /data/recordings
WORKDIR /app
# Least to most often changed, so a rebuild after a code change reuses the dependency layers.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER recstream
ENV RECSTREAM_STORAGE_DIR=/data/recordings
VOLUME /data/recordings
EXPOSE 8080 9090
HEALTHCHECK --interval=15s --timeout=3s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8080} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
# The serial collector: on the one or two cores an instance is given, it kept a cached play's p99 within 2x the bare
# servlet's where G1 was at 3-4x (bench/findings.md, 2026-12-04). Replace the whole variable to choose another.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

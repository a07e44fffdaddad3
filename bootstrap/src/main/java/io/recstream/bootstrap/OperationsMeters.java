package io.recstream.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The meters the alert rules in {@code ops/prometheus} act on that no adapter owns: the free space where recordings
 * (or, on S3, their spool) are written, and whether the instance is ready, as Prometheus can't read the probes.
 */
@Configuration(proxyBeanMethods = false)
class OperationsMeters {

    /** {@code recstream.storage.free}: bytes free on the volume of {@code recstream.storage.dir}. */
    @Bean
    MeterBinder storageFreeSpace(RecstreamProperties properties) {
        Path directory = properties.storage().dir();
        return meters -> Gauge.builder("recstream.storage.free", directory, OperationsMeters::usableBytes)
                .baseUnit("bytes").description("Free space on the volume recordings are written to")
                .register(meters);
    }

    /** {@code recstream.ready}: 1 while the readiness probe answers UP, else 0. */
    @Bean
    MeterBinder readiness(HealthEndpoint health) {
        return meters -> Gauge.builder("recstream.ready", health, OperationsMeters::readyOrNot)
                .description("1 while the instance is ready to take traffic (its readiness probe is UP)")
                .register(meters);
    }

    private static double usableBytes(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static double readyOrNot(HealthEndpoint health) {
        HealthDescriptor readiness = health.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}

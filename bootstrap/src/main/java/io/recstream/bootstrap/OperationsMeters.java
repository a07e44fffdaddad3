package io.recstream.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.recstream.adapter.storage.StorageMeters;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The meters the alert rules in {@code ops/prometheus} act on: the storage's free space (its adapter's meter, bound
 * here to the configured directory), and whether the instance is ready, as Prometheus can't read the probes.
 */
@Configuration(proxyBeanMethods = false)
class OperationsMeters {

    /** {@code recstream.storage.free}: bytes free on the volume of {@code recstream.storage.dir}. */
    @Bean
    MeterBinder storageFreeSpace(RecstreamProperties properties) {
        return StorageMeters.freeSpace(properties.storage().dir());
    }

    /** {@code recstream.ready}: 1 while the readiness probe answers UP, else 0. */
    @Bean
    MeterBinder readiness(HealthEndpoint health) {
        return meters -> Gauge.builder("recstream.ready", health, OperationsMeters::readyOrNot)
                .description("1 while the instance is ready to take traffic (its readiness probe is UP)")
                .register(meters);
    }

    private static double readyOrNot(HealthEndpoint health) {
        HealthDescriptor readiness = health.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}

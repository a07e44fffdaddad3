package io.recstream.adapter.storage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The storage's meters that the alert rules in {@code ops/prometheus} act on, beside its failures' counters. */
public final class StorageMeters {

    private StorageMeters() {
    }

    /** {@code recstream.storage.free}: bytes free on the volume of {@code directory} (recordings, or a bucket's spool). */
    public static MeterBinder freeSpace(Path directory) {
        return meters -> Gauge.builder("recstream.storage.free", directory, StorageMeters::usableBytes)
                .baseUnit("bytes").description("Free space on the volume recordings are written to")
                .register(meters);
    }

    private static double usableBytes(Path directory) {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}

package io.recstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.devkit.LocalS3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Each bad setting stops the start, and the report names the setting to fix. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureTest {

    private static final String GOOD_SECRET = "a-jwt-secret-that-is-long-enough-for-hs256!!";

    private static void start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                // Nothing listens there: a start that got past the settings would fail differently, and fast.
                "--spring.kafka.bootstrap-servers=127.0.0.1:1", "--spring.data.redis.port=1"));
        args.addAll(List.of(settings));
        if (args.stream().noneMatch(arg -> arg.startsWith("--recstream.twilio.auth-token="))) {
            args.add("--recstream.twilio.auth-token=a-twilio-auth-token");
        }
        new SpringApplicationBuilder(RecstreamApplication.class).run(args.toArray(String[]::new)).close();
    }

    @Test
    void aMissingJwtSecret_stopsTheStart_sayingWhatToSet(CapturedOutput output) {
        assertThatThrownBy(() -> start("--recstream.storage.dir=target/cfg-test")).isInstanceOf(RuntimeException.class);
        assertThat(output).contains("APPLICATION FAILED TO START", "recstream.security.jwt-secret is required");
    }

    @Test
    void aShortJwtSecret_stopsTheStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--recstream.security.jwt-secret=short", "--recstream.storage.dir=target/cfg-test"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output).contains("recstream.security.jwt-secret must be at least 32 bytes");
    }

    @Test
    void anEmptyTwilioAuthToken_stopsTheStart_sayingWhatToSet(CapturedOutput output) {
        // compose passes "" for an unset variable: that is no token, not a key that fails on the first webhook.
        assertThatThrownBy(() -> start("--recstream.security.jwt-secret=" + GOOD_SECRET,
                "--recstream.storage.dir=target/cfg-test", "--recstream.twilio.auth-token="))
                .isInstanceOf(RuntimeException.class);
        assertThat(output).contains("APPLICATION FAILED TO START", "recstream.twilio.auth-token is required",
                "RECSTREAM_TWILIO_AUTH_TOKEN");
    }

    @Test
    void anUnwritableStorageDir_stopsTheStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--recstream.security.jwt-secret=" + GOOD_SECRET,
                "--recstream.storage.dir=/proc/version/recordings")).isInstanceOf(RuntimeException.class);
        assertThat(output).contains("recstream.storage.dir: /proc/version/recordings is not a writable directory",
                "RECSTREAM_STORAGE_DIR");
    }

    @Test
    void aNegativeKeepOpenFor_stopsTheStart_sayingWhatToWrite(CapturedOutput output) {
        assertThatThrownBy(() -> start("--recstream.security.jwt-secret=" + GOOD_SECRET,
                "--recstream.storage.dir=target/cfg-test", "--recstream.storage.keep-open-for=-5s"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output).contains("APPLICATION FAILED TO START",
                "recstream.storage.keep-open-for: a duration can't be negative", "0 to open a recording for each range");
    }

    @Test
    void s3StorageWithoutABucket_stopsTheStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--recstream.security.jwt-secret=" + GOOD_SECRET,
                "--recstream.storage.dir=target/cfg-test", "--recstream.storage.type=s3"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output).contains("recstream.storage.s3.bucket: no bucket is set");
    }

    @Test
    void aBucketTheObjectStoreDoesNotHave_stopsTheStart(@TempDir Path serverDirectory, CapturedOutput output) {
        try (LocalS3 s3 = LocalS3.start(serverDirectory)) {
            assertThatThrownBy(() -> start("--recstream.security.jwt-secret=" + GOOD_SECRET,
                    "--recstream.storage.dir=target/cfg-test", "--recstream.storage.type=s3",
                    "--recstream.storage.s3.bucket=nobody-made-this", "--recstream.storage.s3.endpoint=" + s3.endpoint(),
                    "--recstream.storage.s3.path-style=true", "--recstream.storage.s3.access-key=" + LocalS3.ACCESS_KEY,
                    "--recstream.storage.s3.secret-key=" + LocalS3.SECRET_KEY)).isInstanceOf(RuntimeException.class);
        }
        assertThat(output).contains("recstream.storage.s3.bucket: the bucket nobody-made-this answers 404");
    }

    @Test
    void anUnparseableRetention_stopsTheStart(CapturedOutput output) {
        assertThatThrownBy(() -> start("--recstream.security.jwt-secret=" + GOOD_SECRET,
                "--recstream.storage.dir=target/cfg-test", "--recstream.retention=a week")).isInstanceOf(RuntimeException.class);
        assertThat(output).contains("APPLICATION FAILED TO START", "recstream.retention");
    }
}

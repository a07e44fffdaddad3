package io.recstream.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortIsHandedOutOncePerJvm_evenWhenTheSystemOffersItAgain() {
        // Thousands of probes over the system's ephemeral range: it offers some port twice in nearly every run.
        int asked = 3000;
        assertThat(IntStream.range(0, asked).map(i -> FreePorts.next()).distinct().count()).isEqualTo(asked);
    }
}

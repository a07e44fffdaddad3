package io.recstream.devkit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalRedisTest {

    private static final int VALUE_BYTES = 20_000;
    private static final int HALF_SENT_BYTES = 150_000;
    private static final Pattern QUERY_BUFFER = Pattern.compile("qbuf=(\\d+)");

    @Test
    void theDatasetMemory_countsTheKeys_notTheBufferOfACommandStillComing() throws Exception {
        try (LocalRedis redis = LocalRedis.start()) {
            long empty = redis.datasetMemory();
            RedisWire.ask(redis.port(), "SET recording " + "x".repeat(VALUE_BYTES));
            long withAKey = redis.datasetMemory();
            assertThat(withAKey - empty).isBetween((long) VALUE_BYTES, VALUE_BYTES * 11L / 10);

            try (Socket writer = new Socket("127.0.0.1", redis.port())) {
                OutputStream out = writer.getOutputStream();
                // A SET whose value has not all come yet: the server holds what came in the client's query buffer.
                out.write(("*3\r\n$3\r\nSET\r\n$7\r\npending\r\n$" + (2 * HALF_SENT_BYTES) + "\r\n").getBytes(US_ASCII));
                out.write("y".repeat(HALF_SENT_BYTES).getBytes(US_ASCII));
                out.flush();
                await().atMost(Duration.ofSeconds(5)).until(() -> largestQueryBuffer(redis) >= HALF_SENT_BYTES);

                assertThat(redis.datasetMemory()).isEqualTo(withAKey);
            }
        }
    }

    private static long largestQueryBuffer(LocalRedis redis) throws Exception {
        return QUERY_BUFFER.matcher(RedisWire.ask(redis.port(), "CLIENT LIST")).results()
                .mapToLong(buffer -> Long.parseLong(buffer.group(1))).max().orElse(0);
    }
}

package io.recstream.benchmarks;

import io.recstream.devkit.TwilioSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * M1: recstream's heap and RSS while it serves 64 concurrent open-ended ranges of 10 MB recordings, and while it
 * downloads a 500 MB recording. Heap is read from its own Prometheus endpoint, RSS from /proc, every 200 ms.
 */
final class MemoryCheck {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Result(long servingHeapMax, long servingRssMax, long downloadHeapMax, long downloadRssMax, long downloadedBytes) {
    }

    private MemoryCheck() {
    }

    static Result measure(String base, ProcessHandle recstream, String bootstrapServers, TwilioSimulator twilio,
                          Path storage, String cookie, Path work, Path script) throws Exception {
        Random random = new Random(7);
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String callSid = BenchmarkSuite.sid("CA");
            byte[] bytes = new byte[10 << 20];
            random.nextBytes(bytes);
            Files.write(storage.resolve(callSid + ".mp3"), bytes);
            big.add(callSid);
        }
        String huge = BenchmarkSuite.sid("CA");
        byte[] hugeMedia = new byte[500 << 20];
        twilio.addRecording(huge, BenchmarkSuite.sid("RE"), Instant.now().minusSeconds(600), hugeMedia);
        List<String> all = new ArrayList<>(big);
        all.add(huge);
        BenchmarkSuite.registerCalls(bootstrapServers, all, Instant.now().minusSeconds(3600));
        BenchmarkSuite.awaitRegistered(base, all, cookie);

        Path lines = work.resolve("M1-lines");
        Files.write(lines, big.stream().map(callSid -> "/api/recordings/" + callSid + "/stream?business_id=bench"
                + "\tRange\tbytes=0-").toList());
        Sampler serving = Sampler.start(base, recstream);
        Wrk.run(base, lines, script, 64, 10, cookie);
        serving.stop();

        Sampler downloading = Sampler.start(base, recstream);
        HttpRequest play = HttpRequest.newBuilder(URI.create(base + "/api/recordings/" + huge + "/stream?business_id=bench"))
                .header("Cookie", cookie).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        Instant deadline = Instant.now().plusSeconds(300);
        // A download in progress answers 200 too (a play follows it), without validators: stored, it has its ETag.
        while (!isStored(HTTP.send(play, HttpResponse.BodyHandlers.discarding()))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the 500 MB recording was not downloaded in time");
            }
            Thread.sleep(500);
        }
        downloading.stop();
        long downloaded = Files.size(storage.resolve(huge + ".mp3"));
        return new Result(serving.heapMax.get(), serving.rssMax.get(), downloading.heapMax.get(), downloading.rssMax.get(),
                downloaded);
    }

    /** Samples heap (Prometheus) and RSS (/proc) every 200 ms, keeping the maxima. */
    private static boolean isStored(HttpResponse<Void> answer) {
        return answer.statusCode() == 200 && answer.headers().firstValue("ETag").isPresent();
    }

    private static final class Sampler {
        final AtomicLong heapMax = new AtomicLong();
        final AtomicLong rssMax = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static Sampler start(String base, ProcessHandle process) {
            Sampler sampler = new Sampler();
            sampler.thread = Thread.ofPlatform().daemon().start(() -> {
                while (sampler.running) {
                    sampler.heapMax.accumulateAndGet(heapUsed(base), Math::max);
                    sampler.rssMax.accumulateAndGet(rss(process), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return sampler;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(Duration.ofSeconds(2));
        }

        private static long heapUsed(String base) {
            try {
                String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double sum = 0;
                for (String line : scrape.split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                return (long) sum;
            } catch (Exception e) {
                return 0;
            }
        }

        private static long rss(ProcessHandle process) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (Exception e) {
                // gone
            }
            return 0;
        }
    }
}

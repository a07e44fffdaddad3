package io.recstream.benchmarks;

import io.recstream.adapter.audio.JavaAudioDecoder;
import io.recstream.adapter.storage.FileSystemRecordingStore;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.Samples;
import io.recstream.devkit.TwilioSimulator;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import io.recstream.domain.WaveformBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * W1, what a recording's waveform costs: the CPU of decoding a minute of audio into its peaks; the download
 * throughput of one instance that computes each waveform after its download against one that leaves them to their
 * first requests (rounds alternated, means); and a cached waveform served against a cached 2-byte range by the same
 * instance in the same run, on the server's core, with wrk on the client's.
 */
final class WaveformCost {

    /** About a minute of the devkit's spoken sample (22 kHz MP3, heavier to decode than Twilio's 8 kHz). */
    private static final int SAMPLE_REPETITIONS = 10;
    private static final int DECODE_WARM_UP = 15;
    private static final int DECODE_RUNS = 15;
    private static final int THROUGHPUT_PAIRS = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Result(double audioSeconds, int sampleRate, double decodeCpuMillisPerMinute, List<ScaleOut.Round> without,
                  List<ScaleOut.Round> with, Served peaks, Served range) {

        double withoutPerSecond() {
            return mean(without, ScaleOut.Round::downloadsPerSecond);
        }

        double withPerSecond() {
            return mean(with, ScaleOut.Round::downloadsPerSecond);
        }

        double withoutCpuMillis() {
            return mean(without, ScaleOut.Round::cpuMillisPerDownload);
        }

        double withCpuMillis() {
            return mean(with, ScaleOut.Round::cpuMillisPerDownload);
        }

        private static double mean(List<ScaleOut.Round> rounds, ToDoubleFunction<ScaleOut.Round> measure) {
            return rounds.stream().mapToDouble(measure).average().orElseThrow();
        }
    }

    /** A cached answer under wrk: requests a second, the server's CPU per request, the client's own load. */
    record Served(double requestsPerSecond, double cpuMicrosPerRequest, long p99Micros, double clientBusy,
                  double bytesPerAnswer) {
    }

    private WaveformCost() {
    }

    /**
     * @param recstream a running instance with the suite's cached files, whose peaks this writes beside them
     */
    static Result measure(Path root, LocalKafka kafka, LocalRedis redis, TwilioSimulator twilio, Path work,
                          String recstreamUrl, ProcessHandle recstream, Path storage, List<String> callSids,
                          String cookie, Path script, int recordings, Duration delay) throws Exception {
        byte[] audio = Samples.repeatedMp3(1, SAMPLE_REPETITIONS);
        Path audioFile = Files.write(work.resolve("W1-sample.mp3"), audio);
        Waveform waveform = decode(audioFile);
        double audioSeconds = (double) waveform.pixels() * waveform.samplesPerPixel() / waveform.sampleRate();
        double decodeMillis = decodeCpuMillis(audioFile);
        System.out.printf("[bench] W1 decoding: %.0f ms CPU for %.1f s of audio%n", decodeMillis, audioSeconds);

        List<ScaleOut.Round> without = new ArrayList<>();
        List<ScaleOut.Round> with = new ArrayList<>();
        for (int pair = 0; pair < THROUGHPUT_PAIRS; pair++) {
            without.add(ScaleOut.round(root, kafka, redis, twilio, null, work, 1, recordings, delay, audio,
                    List.of("--recstream.waveform-on-download=false")));
            with.add(ScaleOut.round(root, kafka, redis, twilio, null, work, 1, recordings, delay, audio,
                    List.of("--recstream.waveform-on-download=true")));
            System.out.printf("[bench] W1 downloads/s without waveforms %.2f, with %.2f%n",
                    without.getLast().downloadsPerSecond(), with.getLast().downloadsPerSecond());
        }

        FileSystemRecordingStore kept = new FileSystemRecordingStore(storage);
        for (String callSid : callSids) {
            kept.saveWaveform(new CallSid(callSid), waveform);
        }
        Path peaksLines = lines(work.resolve("W1-peaks"), callSids, "/peaks?business_id=bench\t-\t");
        Path rangeLines = lines(work.resolve("W1-range"), callSids, "/stream?business_id=bench\tRange\tbytes=0-1");
        verify(recstreamUrl, callSids.getFirst(), cookie, waveform);
        Wrk.run(recstreamUrl, peaksLines, script, BenchmarkSuite.CONNECTIONS, BenchmarkSuite.WARM_UP_SECONDS, cookie);
        Wrk.run(recstreamUrl, rangeLines, script, BenchmarkSuite.CONNECTIONS, BenchmarkSuite.WARM_UP_SECONDS, cookie);
        Pinning.SERVER.holdSuite();
        try {
            Served peaks = served(recstreamUrl, recstream, peaksLines, script, cookie);
            Served range = served(recstreamUrl, recstream, rangeLines, script, cookie);
            return new Result(audioSeconds, waveform.sampleRate(), decodeMillis * 60 / audioSeconds, without, with,
                    peaks, range);
        } finally {
            Pinning.releaseSuite();
        }
    }

    /** Decodes the file as recstream decodes a stored recording. */
    private static Waveform decode(Path audio) throws IOException {
        WaveformBuilder builder = new WaveformBuilder();
        new JavaAudioDecoder().decode(new StoredRecording(new CallSid("CA" + "0".repeat(32)), AudioFormat.MP3,
                Files.size(audio), Instant.EPOCH, () -> FileChannel.open(audio)), builder);
        return builder.build();
    }

    /** The median CPU time of this thread for one decoding, once the JIT has compiled the decoder. */
    private static double decodeCpuMillis(Path audio) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < DECODE_WARM_UP; i++) {
            decode(audio);
        }
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < DECODE_RUNS; i++) {
            long before = threads.getCurrentThreadCpuTime();
            decode(audio);
            runs.add((threads.getCurrentThreadCpuTime() - before) / 1e6);
        }
        return median(runs);
    }

    private static Path lines(Path file, List<String> callSids, String request) throws Exception {
        return Files.write(file, callSids.stream().map(id -> "/api/recordings/" + id + request).toList());
    }

    /** The kept waveform is answered: its document says as many pixels. */
    private static void verify(String baseUrl, String callSid, String cookie, Waveform waveform) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/recordings/"
                + callSid + "/peaks?business_id=bench")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200 || !new String(answer.body(), StandardCharsets.US_ASCII)
                .contains("\"length\":" + waveform.pixels() + ",")) {
            throw new IllegalStateException("the peaks of " + callSid + " answered " + answer.statusCode());
        }
    }

    /** A run to settle on the pinned core, then the suite's runs: the median by requests a second. */
    private static Served served(String baseUrl, ProcessHandle server, Path lines, Path script, String cookie)
            throws Exception {
        Wrk.run(baseUrl, lines, script, BenchmarkSuite.CONNECTIONS, BenchmarkSuite.SETTLE_SECONDS, cookie);
        List<Served> runs = new ArrayList<>();
        for (int run = 0; run < BenchmarkSuite.RUNS; run++) {
            double cpuBefore = ProcessCpu.seconds(server);
            Wrk.Result result = Wrk.run(baseUrl, lines, script, BenchmarkSuite.CONNECTIONS, BenchmarkSuite.SECONDS,
                    cookie);
            double cpu = ProcessCpu.seconds(server) - cpuBefore;
            if (result.statusErrors() + result.errors() > 0) {
                throw new IllegalStateException(lines.getFileName() + ": " + result.statusErrors() + " wrong answers");
            }
            runs.add(new Served(result.requestsPerSecond(), cpu / result.requests() * 1e6, result.p99Micros(),
                    result.clientBusy(), result.bytesPerAnswer()));
        }
        runs.sort(Comparator.comparingDouble(Served::requestsPerSecond));
        return runs.get(runs.size() / 2);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

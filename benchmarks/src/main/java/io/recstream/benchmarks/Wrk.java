package io.recstream.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk with the suite's Lua script and reads its RESULT line. */
final class Wrk {

    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) wrong=(\\d+) errors=(\\d+)");

    record Result(long requests, double seconds, long p50Micros, long p99Micros, long wrong, long errors) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private Wrk() {
    }

    static Result run(String baseUrl, Path lines, Path script, int connections, int seconds, String cookie)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString()));
        if (cookie != null) {
            command.addAll(List.of("-H", "Cookie: " + cookie));
        }
        command.addAll(List.of(baseUrl, "--", lines.toString()));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk printed no result:\n" + output);
        }
        return new Result(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) / 1e6,
                Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)),
                Long.parseLong(matcher.group(6)));
    }
}

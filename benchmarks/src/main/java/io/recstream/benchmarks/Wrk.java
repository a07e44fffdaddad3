package io.recstream.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk, pinned to the client's cores, with the suite's Lua script, and reads its RESULT line and the CPU wrk used
 * (bash's {@code times} after it exits: the client's own load, to tell a client-bound run).
 */
final class Wrk {

    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) duration_us=(\\d+) bytes=(\\d+) "
            + "p50_us=(\\d+) p99_us=(\\d+) status_errors=(\\d+) errors=(\\d+)");
    /** The second line of bash's {@code times}: the user and system time of the shell's children. */
    private static final Pattern CHILD_TIMES = Pattern.compile("\\n(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$");

    record Result(long requests, double seconds, long bytes, long p50Micros, long p99Micros, long statusErrors,
                  long errors, double clientCpuSeconds) {
        double requestsPerSecond() {
            return requests / seconds;
        }

        /** The share of its cores' time wrk itself used. */
        double clientBusy() {
            return clientCpuSeconds / (seconds * Pinning.CLIENT.count());
        }

        double bytesPerAnswer() {
            return requests == 0 ? 0 : (double) bytes / requests;
        }
    }

    private Wrk() {
    }

    static Result run(String baseUrl, Path lines, Path script, int connections, int seconds, String cookie)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\" && times", "wrk"));
        command.addAll(Pinning.CLIENT.prefix());
        command.addAll(List.of("wrk", "-t" + Pinning.CLIENT.count(), "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString()));
        if (cookie != null) {
            command.addAll(List.of("-H", "Cookie: " + cookie));
        }
        command.addAll(List.of(baseUrl, "--", lines.toString()));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher result = RESULT.matcher(output);
        Matcher times = CHILD_TIMES.matcher(output);
        if (!result.find() || !times.find()) {
            throw new IllegalStateException("wrk printed no result:\n" + output);
        }
        double clientCpu = Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4));
        return new Result(Long.parseLong(result.group(1)), Long.parseLong(result.group(2)) / 1e6,
                Long.parseLong(result.group(3)), Long.parseLong(result.group(4)), Long.parseLong(result.group(5)),
                Long.parseLong(result.group(6)), Long.parseLong(result.group(7)), clientCpu);
    }
}

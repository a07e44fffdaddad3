package io.recstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which cores the load generator and the server under test may use in the cached-play scenarios, so that neither
 * takes the other's CPU: {@code bench.clientCores} (default 0) and {@code bench.serverCores} (default 1), in
 * {@code taskset}'s list syntax. While those run, the suite's JVM and every process it started (the servers, the
 * broker, Redis, S3Proxy) are on the server's cores and only wrk is on the client's; the other parts of the suite
 * (cold path, memory, scale-out) run unpinned. The JVMs are pinned after they start, so they size their GC and
 * schedulers for the whole machine, as they would in production, and are measured on the server's cores.
 */
enum Pinning {
    CLIENT(System.getProperty("bench.clientCores", "0")),
    SERVER(System.getProperty("bench.serverCores", "1"));

    private final String cores;

    Pinning(String cores) {
        this.cores = cores;
    }

    String cores() {
        return cores;
    }

    /** The command prefix that runs a program on these cores. */
    List<String> prefix() {
        return List.of("taskset", "-c", cores);
    }

    /** Moves every thread of the suite and of the processes it started to these cores. */
    void holdSuite() throws IOException, InterruptedException {
        setAffinity(ProcessHandle.current(), cores);
    }

    /** Lets the suite and its processes use every core again. */
    static void releaseSuite() throws IOException, InterruptedException {
        setAffinity(ProcessHandle.current(), Files.readString(Path.of("/sys/devices/system/cpu/online")).strip());
    }

    /** Moves every thread of {@code process} and of the processes it started to these cores. */
    void hold(ProcessHandle process) throws IOException, InterruptedException {
        setAffinity(process, cores);
    }

    private static void setAffinity(ProcessHandle root, String cores) throws IOException, InterruptedException {
        for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            // taskset fails when one of the process's threads ends while it goes through them: then it tries again.
            int attempts = 0;
            while (!pinned(process, cores) && process.isAlive()) {
                if (++attempts == 10) {
                    throw new IllegalStateException("taskset could not pin process " + process.pid() + " to " + cores);
                }
            }
        }
    }

    private static boolean pinned(ProcessHandle process, String cores) throws IOException, InterruptedException {
        return new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    /** How many cores: "0", "2-3" and "0,2" are 1, 2 and 2. */
    int count() {
        int count = 0;
        for (String part : cores.split(",")) {
            String[] bounds = part.split("-");
            count += bounds.length == 1 ? 1 : Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
        }
        return count;
    }
}

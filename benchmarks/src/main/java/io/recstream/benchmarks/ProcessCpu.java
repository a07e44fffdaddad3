package io.recstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU seconds (user + system) a process and its descendants have used, and how busy the machine is, from /proc. */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    static double seconds(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).mapToDouble(ProcessCpu::ownSeconds).sum();
    }

    /** CPU seconds of the process's own threads, without its children's. */
    static double ownSeconds(ProcessHandle process) {
        try {
            return statSeconds(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of a JVM's JIT compiler threads (named "C1 CompilerThread0" and so on). */
    static double compilerSeconds(ProcessHandle jvm) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(jvm.pid()), "task"))) {
            return threads.mapToDouble(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    return name.matches("C[12] CompilerThre.*") ? statSeconds(stat) : 0;
                } catch (IOException | RuntimeException e) {
                    return 0; // the thread ended meanwhile
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of a /proc stat line. */
    private static double statSeconds(String stat) {
        // Fields after the command name (which may hold spaces), counted from field 3: utime is 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** The machine's CPU ticks since boot: {busy, total}, from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}

package io.recstream.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Writes docs/benchmarks.md: the machine, the versions, the commands, and every figure as a ratio against nginx. */
final class Report {

    private Report() {
    }

    static void write(Path file, Path findings, Map<String, Map<String, BenchmarkSuite.Measure>> results,
                      ColdPath.Result cold,
                      MemoryCheck.Result memory, List<ScaleOut.Round> scaleOut, int files, int fileBytes, int runs, int seconds, int connections)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Written by `bin/bench` on ").append(LocalDate.now()).append(". Every figure of recstream is a ")
                .append("ratio against **nginx** (1 worker, `sendfile on`, access log off) serving the same files from the ")
                .append("same directory in the same run. Medians of ").append(runs).append(" runs of ").append(seconds)
                .append(" s after a warm-up run, `wrk -t1 -c").append(connections).append("`, each request for a random ")
                .append("one of ").append(files).append(" files of ").append(fileBytes / 1024).append(" KiB (page cache ")
                .append("warm). recstream is asked with a valid JWT cookie, so every request pays the tenancy check. ")
                .append("Server CPU is read from `/proc` (user + system, server processes only). Before each scenario, ")
                .append("10 files' answers are checked byte for byte against the files; wrk checks every status.\n\n");
        md.append("## Machine and versions\n\n```\n").append(command("sh", "-c",
                "nproc; grep -m1 'model name' /proc/cpuinfo; grep MemTotal /proc/meminfo; uname -r; "
                        + "java -version 2>&1 | head -1; nginx -v 2>&1; wrk --version 2>&1 | head -1"))
                .append("```\n\n");
        md.append("## Cached recordings\n\n")
                .append("| scenario | nginx req/s | recstream req/s | ratio | target | met | CPU µs/request (nginx / recstream) | p99 ms (nginx / recstream) | wrong answers |\n")
                .append("| --- | ---: | ---: | ---: | --- | --- | --- | --- | ---: |\n");
        for (BenchmarkSuite.Scenario scenario : BenchmarkSuite.SCENARIOS) {
            BenchmarkSuite.Measure nginx = results.get(scenario.name()).get("nginx");
            BenchmarkSuite.Measure recstream = results.get(scenario.name()).get("recstream");
            double ratio = recstream.requestsPerSecond() / nginx.requestsPerSecond();
            String target = "";
            String met = "";
            if (scenario.name().equals("R2")) {
                target = "≥ 0.5 (aim 0.8)";
                met = ratio >= 0.5 ? "yes" : "no";
            } else if (scenario.name().equals("R3")) {
                double cpuRatio = recstream.cpuSecondsPerGigabyte() / nginx.cpuSecondsPerGigabyte();
                target = String.format("CPU/GB ≤ 1.5× nginx: %.2f×", cpuRatio);
                met = cpuRatio <= 1.5 ? "yes" : "no";
            }
            md.append(String.format("| %s %s | %.0f | %.0f | %.2f | %s | %s | %.0f / %.0f | %.1f / %.1f | %d |%n",
                    scenario.name(), scenario.description(), nginx.requestsPerSecond(), recstream.requestsPerSecond(),
                    ratio, target, met, nginx.cpuMicrosPerRequest(), recstream.cpuMicrosPerRequest(),
                    nginx.p99Micros() / 1000.0, recstream.p99Micros() / 1000.0, nginx.wrong() + recstream.wrong()));
        }
        md.append("\n### From an S3 bucket\n\n")
                .append("The same files as the objects of a bucket of S3Proxy (filesystem backend, in the benchmark's JVM), ")
                .append("served by two more recstream instances with `recstream.storage.type=s3`: one without local copies ")
                .append("(`local-copies=0`: each request a ranged GET to the object store, the bytes copied through the ")
                .append("JVM), one with them (the first play of a file copies it to the instance's disk in the background; ")
                .append("the warm-up run makes every copy). The object store's own CPU is not counted in recstream's.\n\n")
                .append("| scenario | from the bucket: req/s | ratio to nginx | CPU µs/request | from local copies: req/s | ratio to nginx | CPU µs/request | on disk (filesystem store): CPU µs/request |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (BenchmarkSuite.Scenario scenario : BenchmarkSuite.SCENARIOS) {
            BenchmarkSuite.Measure nginx = results.get(scenario.name()).get("nginx");
            BenchmarkSuite.Measure disk = results.get(scenario.name()).get("recstream");
            BenchmarkSuite.Measure bucket = results.get(scenario.name()).get("recstream-s3");
            BenchmarkSuite.Measure copies = results.get(scenario.name()).get("recstream-s3-copies");
            md.append(String.format("| %s %s | %.0f | %.3f | %.0f | %.0f | %.2f | %.0f | %.0f |%n", scenario.name(),
                    scenario.description(), bucket.requestsPerSecond(),
                    bucket.requestsPerSecond() / nginx.requestsPerSecond(), bucket.cpuMicrosPerRequest(),
                    copies.requestsPerSecond(), copies.requestsPerSecond() / nginx.requestsPerSecond(),
                    copies.cpuMicrosPerRequest(), disk.cpuMicrosPerRequest()));
        }
        md.append("\n## Cold recordings (C1)\n\n")
                .append(String.format("%d concurrent first plays of different recordings that the Twilio simulator sends ",
                        cold.plays()))
                .append("after 1 s, measured after the same burst once on other recordings (JIT warm-up). recstream runs ")
                .append(String.format("with `recstream.download.parallelism` and `recstream.twilio.max-concurrent-downloads` at %d ", cold.plays()))
                .append("(a burst that size is expected), its 2 default consumers and 6 partitions.\n\n")
                .append("| measure | p50 ms | p99 ms | target | met |\n| --- | ---: | ---: | --- | --- |\n")
                .append(String.format("| 202 latency | %d | %d | p99 < 50 ms | %s |%n", cold.acceptedP50Millis(),
                        cold.acceptedP99Millis(), cold.acceptedP99Millis() < 50 ? "yes" : "no"))
                .append(String.format("| audio available − Twilio's delay (pipeline overhead) | %d | %d | p50 < 50 ms | %s |%n",
                        cold.overheadP50Millis(), cold.overheadP99Millis(), cold.overheadP50Millis() < 50 ? "yes" : "no"))
                .append(String.format("| with `Prefer: wait=30`: answer − Twilio's delay | %d | %d | audio in one request | %s (%d of %d) |%n",
                        cold.waitOverheadP50Millis(), cold.waitOverheadP99Millis(),
                        cold.servedInOneRequest() == cold.plays() ? "yes" : "no", cold.servedInOneRequest(), cold.plays()))
                .append(String.format("| 202 latency, %d concurrent first plays | %d | %d |  |  |%n", ColdPath.SMALL_BURST,
                        cold.smallAcceptedP50Millis(), cold.smallAcceptedP99Millis()))
                .append(String.format("| pipeline overhead, %d concurrent first plays | %d | %d |  |  |%n", ColdPath.SMALL_BURST,
                        cold.smallOverheadP50Millis(), cold.smallOverheadP99Millis()))
                .append(String.format("%nrecstream's CPU per first play (the 202, the download, the READY event), over the burst of %d: %.1f ms.%n",
                        cold.plays(), cold.cpuMillisPerPlay()));
        long mb = 1 << 20;
        md.append("\n## Memory (M1)\n\n")
                .append("recstream runs with `-Xmx512m`; heap is the sum of `jvm_memory_used_bytes{area=\"heap\"}` from its own ")
                .append("`/actuator/prometheus`, RSS is `VmRSS` from `/proc`, sampled every 200 ms; maxima.\n\n")
                .append("| while | heap max MB | RSS max MB | target | met |\n| --- | ---: | ---: | --- | --- |\n")
                .append(String.format("| serving 64 concurrent open-ended ranges (`bytes=0-`) of 10 MB recordings for 10 s | %d | %d | heap < 256 MB | %s |%n",
                        memory.servingHeapMax() / mb, memory.servingRssMax() / mb, memory.servingHeapMax() < 256 * mb ? "yes" : "no"))
                .append(String.format("| downloading a 500 MB recording from the simulator (%d MB stored) | %d | %d | heap < 256 MB | %s |%n",
                        memory.downloadedBytes() / mb, memory.downloadHeapMax() / mb, memory.downloadRssMax() / mb,
                        memory.downloadHeapMax() < 256 * mb ? "yes" : "no"));
        appendScaleOut(md, scaleOut);
        // The findings are prose kept beside the suite, so that they can say what the tables can't.
        md.append("\n").append(Files.readString(findings, StandardCharsets.UTF_8).strip()).append("\n\n");
        md.append("## How to run\n\n```bash\nbin/bench          # installs nginx and wrk if missing, builds, runs, rewrites this file\n```\n\n")
                .append("Knobs (system properties of the suite): `bench.files`, `bench.fileBytes`, `bench.runs`, ")
                .append("`bench.seconds`, `bench.connections`, `bench.scaleOutRecordings`; `bench.only=R|C1|S1` runs one ")
                .append("part and prints it without rewriting this file; `bench.recstreamJvmArgs` passes JVM options to ")
                .append("recstream (a JFR recording, say). The findings above come from `bench/findings.md`.\n");
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    private static void appendScaleOut(StringBuilder md, List<ScaleOut.Round> rounds) {
        ScaleOut.Round one = rounds.getFirst();
        md.append("\n## Scale-out (S1)\n\n")
                .append(String.format("%d download commands published at once to a consumer group of 1, 2 and 3 ", one.recordings()))
                .append("instances (6 partitions, 2 consumers and ").append(ScaleOut.PARALLELISM)
                .append(" downloads in hand per instance, so that one instance's bound rather than the 2 shared cores limits ")
                .append("a round), against a Twilio simulator that sends each recording after 500 ms. Throughput is ")
                .append("recordings over the time from the first command to the last READY event; downloads per instance are ")
                .append("each instance's own `recstream_download_commands_total{result=\"downloaded\"}`; duplicates are media ")
                .append("requests the simulator saw beyond one per recording; machine busy is the whole machine's CPU in use ")
                .append("during the round (instances, broker, Redis, simulator). The rounds run with the instances sharing a ")
                .append("volume, then sharing only a bucket of an S3Proxy in the benchmark's JVM (filesystem backend), ")
                .append("each instance spooling to a directory of its own.\n\n")
                .append("| storage | instances | downloads/s | × one instance | downloads per instance | duplicates | missing | machine busy | instances' CPU ms/download | target | met |\n")
                .append("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (ScaleOut.Round round : rounds) {
            ScaleOut.Round alone = rounds.stream().filter(r -> r.storage().equals(round.storage()) && r.instances() == 1)
                    .findFirst().orElseThrow();
            double speedup = round.downloadsPerSecond() / alone.downloadsPerSecond();
            boolean last = round.instances() == rounds.stream().mapToInt(ScaleOut.Round::instances).max().orElse(1);
            String met = round.duplicates() == 0 && round.missing() == 0 && (!last || speedup >= 2.5) ? "yes" : "no";
            md.append(String.format("| %s | %d | %.1f | %.2f | %s | %d | %d | %.0f %% | %.1f | %s | %s |%n",
                    round.storage(), round.instances(),
                    round.downloadsPerSecond(), speedup,
                    String.join(" / ", round.perInstance().stream().map(String::valueOf).toList()),
                    round.duplicates(), round.missing(), round.machineBusy() * 100, round.cpuMillisPerDownload(),
                    last ? "≥ 2.5× one, no duplicates" : "no duplicates", met));
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            return "unknown\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown\n";
        }
    }

}

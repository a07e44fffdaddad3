package io.recstream.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Writes docs/benchmarks.md: the machine, the method, the versions, and every figure against its baselines. */
final class Report {

    private Report() {
    }

    static void write(Path file, Path findings, Map<String, Map<String, BenchmarkSuite.Measure>> results,
                      BrowserPlays.Result browser, BrowserPlays.TrickleResult trickle, ColdPath.Result cold,
                      MemoryCheck.Result memory, WaveformCost.Result waveforms, List<ScaleOut.Round> scaleOut,
                      DirectoryRebuild.Result rebuild, CallSearchLatency.Result search, int files,
                      int fileBytes, int runs, int seconds, int connections)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Written by `bin/bench` on ").append(LocalDate.now()).append(". Every figure of recstream is a ")
                .append("ratio against baselines measured in the same run: **nginx** (1 worker, `sendfile on`, access log ")
                .append("off) serving the same files from the same directory, and a **bare servlet** (the embedded Tomcat ")
                .append("recstream runs on, one servlet giving recstream's answer with no framework and no checks: ")
                .append("`benchmarks/…/BareServlet.java`).\n\n")
                .append("**Method.** The load generator and the server never share a core: wrk runs on core ")
                .append(Pinning.CLIENT.cores()).append(" (`taskset`), and while a server is measured the suite and every ")
                .append("process it started (the server, the broker, Redis, S3Proxy) run on core ").append(Pinning.SERVER.cores())
                .append(", one server at a time (an idle recstream JVM costs a few per cent of a core, so none runs beside ")
                .append("a baseline). JVMs warm up unpinned (").append(BenchmarkSuite.WARM_UP_SECONDS).append(" s per scenario: ")
                .append("on one shared core a JIT takes minutes to settle), are pinned after they start (so they size their ")
                .append("GC and schedulers as in production), then run a ").append(BenchmarkSuite.SETTLE_SECONDS)
                .append(" s settling run and ").append(runs)
                .append(" measured runs of ").append(seconds).append(" s; the tables give the median run. `wrk -t1 -c")
                .append(connections).append("`, each request for a random one of ").append(files).append(" files of ")
                .append(fileBytes / 1024).append(" KiB (page cache warm); recstream is asked with a valid JWT cookie, so every ")
                .append("request pays the tenancy check. Statuses and bodies are checked without copying bodies into Lua ")
                .append("(wrk's `response()` callback did that, and capped the client near the rate it was measuring): ")
                .append("before each scenario every file's answer is checked, status and bytes, against the file; during ")
                .append("the runs wrk counts statuses above 399 and the bytes it read, and a run whose bytes per answer ")
                .append("are not the body's plus headers fails the suite. The **client's ceiling** is the same wrk against ")
                .append("nginx's most trivial answer of the same size (a file it keeps open, or a bare 304); a ratio whose ")
                .append("baseline is within 10 % of that ceiling, or ran with wrk's core 90 % busy, measures the client, and is ")
                .append("printed **client-bound**. ")
                .append("Server CPU is read from `/proc` (user + system, the server's processes only), the client's from ")
                .append("bash's `times`.\n\n");
        md.append("## Machine and versions\n\n```\n").append(command("sh", "-c",
                "nproc; grep -m1 'model name' /proc/cpuinfo; grep MemTotal /proc/meminfo; uname -r; "
                        + "java -version 2>&1 | head -1; nginx -v 2>&1; wrk --version 2>&1 | head -1"))
                .append("```\n\n");
        md.append("## Cached recordings\n\n")
                .append("Requests per second on one core; ratios are recstream's rate over the baseline's.\n\n")
                .append("| scenario | client ceiling (client busy) | nginx | bare servlet | bare Netty | recstream | × nginx | × bare servlet | target | met | p99 ms (nginx / bare servlet / recstream) | CPU µs/request (nginx / bare servlet / recstream) | wrong answers |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: |\n");
        for (BenchmarkSuite.Scenario scenario : BenchmarkSuite.SCENARIOS) {
            Map<String, BenchmarkSuite.Measure> measures = results.get(scenario.name());
            BenchmarkSuite.Measure ceiling = measures.get(BenchmarkSuite.CEILING);
            BenchmarkSuite.Measure nginx = measures.get("nginx");
            BenchmarkSuite.Measure bare = measures.get("bare-servlet");
            BenchmarkSuite.Measure netty = measures.get("bare-netty");
            BenchmarkSuite.Measure recstream = measures.get("recstream");
            double ratio = recstream.requestsPerSecond() / nginx.requestsPerSecond();
            boolean clientBound = clientBound(nginx, ceiling);
            Target target = Target.of(scenario.name());
            String met = clientBound ? "client-bound" : target.met(ratio, recstream, nginx) ? "yes" : "no";
            md.append(String.format("| %s %s | %.0f (%.0f %%) | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %.1f / %.1f / %.1f | %.0f / %.0f / %.0f | %d |%n",
                    scenario.name(), scenario.description(), ceiling.requestsPerSecond(), ceiling.clientBusy() * 100,
                    nginx.requestsPerSecond(), bare.requestsPerSecond(), netty.requestsPerSecond(),
                    recstream.requestsPerSecond(), ratioText(recstream, nginx, ceiling),
                    ratioText(recstream, bare, ceiling), target.text(recstream, nginx), met,
                    nginx.p99Micros() / 1000.0, bare.p99Micros() / 1000.0, recstream.p99Micros() / 1000.0,
                    nginx.cpuMicrosPerRequest(), bare.cpuMicrosPerRequest(), recstream.cpuMicrosPerRequest(),
                    nginx.wrong() + bare.wrong() + netty.wrong() + recstream.wrong()));
        }
        md.append("\n### The baselines against each other\n\n")
                .append("How far the servers recstream could run on are from nginx, whatever recstream does on them: the ")
                .append("bare servlet's and bare Netty's (Reactor Netty, no framework, bodies of 48 KiB and more as a ")
                .append("zero-copy file region: `BareNetty.java`) rate over nginx's.\n\n")
                .append("| scenario | bare servlet × nginx | bare Netty × nginx | p99 ms (bare servlet / bare Netty) |\n")
                .append("| --- | ---: | ---: | --- |\n");
        rows(md, results, (scenario, measures) -> String.format("| %s %s | %s | %s | %.1f / %.1f |%n",
                scenario.name(), scenario.description(), ratioToNginx(measures, "bare-servlet"),
                ratioToNginx(measures, "bare-netty"), measures.get("bare-servlet").p99Micros() / 1000.0,
                measures.get("bare-netty").p99Micros() / 1000.0));
        md.append("\n### From an S3 bucket\n\n")
                .append("The same files as the objects of a bucket of S3Proxy (filesystem backend, in the benchmark's JVM, ")
                .append("on the server's core), served by two more recstream instances with `recstream.storage.type=s3`, ")
                .append("each measured alone: one without local copies (`local-copy-threads=0`: each request a ranged GET to the ")
                .append("object store, the bytes copied through the JVM), one with them (the first play of a file copies ")
                .append("it to the instance's disk in the background; the warm-up makes every copy). The object store's own ")
                .append("CPU is not counted in recstream's.\n\n")
                .append("| scenario | from the bucket: req/s | × nginx | CPU µs/request | from local copies: req/s | × nginx | CPU µs/request | on disk (filesystem store): CPU µs/request |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        rows(md, results, (scenario, measures) -> {
            BenchmarkSuite.Measure bucket = measures.get("recstream-s3");
            BenchmarkSuite.Measure copies = measures.get("recstream-s3-copies");
            return String.format("| %s %s | %.0f | %s | %.0f | %.0f | %s | %.0f | %.0f |%n", scenario.name(),
                    scenario.description(), bucket.requestsPerSecond(), ratioToNginx(measures, "recstream-s3"),
                    bucket.cpuMicrosPerRequest(), copies.requestsPerSecond(), ratioToNginx(measures, "recstream-s3-copies"),
                    copies.cpuMicrosPerRequest(), measures.get("recstream").cpuMicrosPerRequest());
        });
        md.append("\n## First audio in the browser (B1)\n\n")
                .append(String.format("%d cold recordings (never played, Twilio simulated to send each after %d ms) played ",
                        browser.plays(), browser.twilioDelayMillis()))
                .append("one after another by clicking Play in recstream's own page in headless Chromium (after ")
                .append("3 unmeasured plays); each play is timed in the page from the click to the audio element's ")
                .append("`readyState ≥ 2` (data to play), minus Twilio's delay: what recstream and the player add to ")
                .append("Twilio's own time.\n\n")
                .append("| measure | p50 ms | p90 ms | target | met |\n| --- | ---: | ---: | --- | --- |\n")
                .append(String.format("| time to first audio − Twilio's delay | %d | %d | p50 ≤ 250 ms | %s |%n",
                        browser.overheadP50Millis(), browser.overheadP90Millis(),
                        browser.overheadP50Millis() <= 250 ? "yes" : "no"));
        md.append("\n## First audio while a slow Twilio sends a long call (B2)\n\n")
                .append(String.format("Long calls (%d MB of MP3 each) that the Twilio simulator starts sending after %d ms ",
                        trickle.megabytes(), trickle.firstByteMillis()))
                .append(String.format("and trickles over %d s, each played by clicking Play in headless Chromium on one of ",
                        trickle.trickleSeconds()))
                .append("two instances sharing the recordings volume, in turn (after 3 unmeasured plays; each play waits ")
                .append("for the previous download to end). Timed as B1, minus Twilio's first-byte delay; a play counts for ")
                .append("the instance that downloads it when that instance's `recstream_downloads_in_flight` is up.\n\n")
                .append("| played on | plays | p50 ms | target | met |\n| --- | ---: | ---: | --- | --- |\n");
        for (var side : List.of(java.util.Map.entry("the downloading instance", trickle.downloading()),
                java.util.Map.entry("another instance", trickle.other()))) {
            long median = trickle.median(side.getValue());
            md.append(String.format("| %s | %d | %s | p50 ≤ 500 ms | %s |%n", side.getKey(), side.getValue().size(),
                    median < 0 ? "-" : Long.toString(median), median < 0 ? "-" : median <= 500 ? "yes" : "no"));
        }
        md.append("\n## Cold recordings (C1)\n\n")
                .append(String.format("%d concurrent first plays of different recordings that the Twilio simulator sends ",
                        cold.plays()))
                .append(String.format("after 1 s, measured after the same burst, timed the same way, %d times on other ",
                        ColdPath.WARM_UP_BURSTS))
                .append(String.format("recordings (the JIT's warm-up: %d first plays). ", ColdPath.WARM_UP_BURSTS * cold.plays()))
                .append("recstream runs ")
                .append(String.format("with `recstream.download.parallelism` and `recstream.twilio.max-concurrent-downloads` at %d ", cold.plays()))
                .append("(a burst that size is expected), its 2 default consumers and 6 partitions.\n\n")
                .append("| measure | p50 ms | p99 ms | target | met |\n| --- | ---: | ---: | --- | --- |\n")
                .append(String.format("| 202 latency | %d | %d | p99 < 100 ms | %s |%n", cold.acceptedP50Millis(),
                        cold.acceptedP99Millis(), cold.acceptedP99Millis() < 100 ? "yes" : "no"))
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
        appendColdSplit(md, cold);
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
        appendWaveforms(md, waveforms);
        appendScaleOut(md, scaleOut);
        appendRebuild(md, rebuild);
        appendSearch(md, search);
        // The findings are prose kept beside the suite, so that they can say what the tables can't.
        md.append("\n").append(Files.readString(findings, StandardCharsets.UTF_8).strip()).append("\n\n");
        md.append("## How to run\n\n```bash\nbin/bench          # installs nginx, wrk and Chromium if missing, builds, runs, rewrites this file\n```\n\n")
                .append("Knobs (system properties of the suite): `bench.files`, `bench.fileBytes`, `bench.runs`, ")
                .append("`bench.seconds`, `bench.warmUpSeconds`, `bench.coldWarmUps`, `bench.connections`, `bench.scaleOutRecordings`, ")
                .append("`bench.clientCores` and `bench.serverCores` (`taskset` lists, 0 and 1); `bench.only=R|B1|B2|C1|M1|S1|W1|D1|F1` ")
                .append("runs one part and prints it without rewriting this file, `bench.scenarios=R1,R4` and ")
                .append("`bench.targets=nginx,recstream` narrow R; `bench.recstreamJvmArgs` passes JVM options to ")
                .append("recstream (a JFR recording, say). The findings above come from `bench/findings.md`.\n");
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    private static void appendRebuild(StringBuilder md, DirectoryRebuild.Result rebuild) {
        md.append("\n## The call directory rebuilt (D1)\n\n")
                .append(String.format("One instance on a Redis of its own takes in %,d facts of the calls topic (20 ",
                        rebuild.facts()))
                .append("businesses, calls of the last six days) as they arrive; then Redis is emptied (`FLUSHALL`) and ")
                .append("the time is taken until every business's list answers with its newest call (the instance ")
                .append("notices the loss within `recstream.calls.check-interval`, 2 s, and replays both topics). ")
                .append("Then a sample of calls is asked for: none may be unknown.\n\n")
                .append("| measure | value | target | met |\n| --- | ---: | --- | --- |\n")
                .append(String.format("| live take-in, one fact at a time | %.0f facts/s |  |  |%n",
                        rebuild.liveFactsPerSecond()))
                .append(String.format("| FLUSHALL → the list whole again | %.1f s (%.0f facts/s) | ≤ 60 s | %s |%n",
                        rebuild.secondsToList(), rebuild.factsPerSecond(), rebuild.secondsToList() <= 60 ? "yes" : "no"))
                .append(String.format("| sampled calls unknown afterwards | %d of %d |  0 | %s |%n",
                        rebuild.unknownInSample(), DirectoryRebuild.SAMPLE, rebuild.unknownInSample() == 0 ? "yes" : "no"));
    }

    private static void appendSearch(StringBuilder md, CallSearchLatency.Result search) {
        md.append("\n## Finding a call (F1)\n\n")
                .append(String.format("One business with %,d calls of the last six days (150,000 customers, the center's ",
                        search.calls()))
                .append("five numbers) taken into the view of one instance on a Redis of its own by a replay ")
                .append(String.format("(%.1f s); %d bytes of Redis data per call, its search indexes included. ",
                        search.secondsToTakeIn(), search.redisBytesPerCall()))
                .append("Then 500 requests of each kind, one at a time (each waits for the whole answer, so the client ")
                .append("is never the bottleneck), after a warm-up; a page is 20 calls.\n\n")
                .append("| request | p50 | p99 | max | p99 ≤ 50 ms |\n| --- | ---: | ---: | ---: | --- |\n");
        for (CallSearchLatency.Latency latency : search.latencies()) {
            md.append(String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %s |%n", latency.kind(), latency.p50(),
                    latency.p99(), latency.max(), latency.p99() <= 50 ? "yes" : "no"));
        }
    }

    /** Where the burst's 202s waited: recstream's timers of the measured burst, and the broker alone. */
    private static void appendColdSplit(StringBuilder md, ColdPath.Result cold) {
        ColdPath.Split split = cold.split();
        md.append("\nWhere the burst's 202s waited. This instance has a broker in a process of its own (the devkit's), ")
                .append("alone on core ").append(Pinning.CLIENT.cores()).append(", and a Redis of its own; recstream, ")
                .append("Redis and the suite (the client, the Twilio simulator) share core ").append(Pinning.SERVER.cores())
                .append(". Its figures are its own ")
                .append("timers over the measured burst (Prometheus histograms read before and after it: bucket bounds, ")
                .append("so each is \"at most\"):\n\n")
                .append("| measure | p50 ms | p99 ms |\n| --- | ---: | ---: |\n")
                .append(String.format("| 202 at the client | %d | %d |%n", cold.acceptedP50Millis(), cold.acceptedP99Millis()))
                .append(String.format("| 202 inside recstream (arrival to answer) | %.0f | %.0f |%n", split.playP50Millis(),
                        split.playP99Millis()))
                .append(String.format("| of which: its acknowledged Kafka sends | %.0f | %.0f |%n", split.sendP50Millis(),
                        split.sendP99Millis()))
                .append(String.format("| a Redis command (of the 202s and of the downloads they started) | %.0f | %.0f |%n",
                        split.redisP50Millis(), split.redisP99Millis()))
                .append(String.format("| the broker alone: %d acknowledged sends at once from the suite, recstream idle | %d | %d |%n",
                        cold.plays(), split.brokerAloneP50Millis(), split.brokerAloneP99Millis()))
                .append(String.format("%nrecstream's collector paused %d times (%.0f ms) from just before the burst to its "
                        + "last 202.%n", split.gcPauses(), split.gcPauseMillis()));
        ColdPath.CoreShares shares = cold.shares();
        md.append(String.format("%nThe CPU each part used from the measured burst's first play sent to its last 202 received "
                        + "(%.0f ms): on the shared core, recstream %.0f ms (of which its JIT compilers %.0f ms), its Redis "
                        + "%.0f ms, the suite's JVM (the client, the Twilio simulator) %.0f ms (its JIT compilers %.0f ms); "
                        + "on its own core, the broker %.0f ms.%n", shares.windowMillis(), shares.recstreamMillis(),
                shares.recstreamJitMillis(), shares.redisMillis(), shares.suiteMillis(), shares.suiteJitMillis(),
                shares.brokerMillis()));
    }

    private static void appendWaveforms(StringBuilder md, WaveformCost.Result w) {
        double drop = 1 - w.withPerSecond() / w.withoutPerSecond();
        double peaksOverRange = w.peaks().requestsPerSecond() / w.range().requestsPerSecond();
        md.append("\n## Waveforms (W1)\n\n")
                .append(String.format("Decoding: the devkit's spoken sample, %.0f s of %d Hz MP3, decoded into its peaks as ",
                        w.audioSeconds(), w.sampleRate()))
                .append("recstream does (JLayer, the waveform builder, in the suite's JVM after a warm-up); the median ")
                .append("CPU time of the decoding thread. Downloads: one instance downloading the same sample as ")
                .append(String.format("%d recordings (Twilio's delay as in S1), computing each waveform after its download ",
                        w.with().getFirst().recordings()))
                .append("(the default) or leaving them to their first requests (`recstream.waveform-on-download=false`), ")
                .append("two rounds of each, alternated, means. Served: a cached waveform (a 2,000-pixel document) and a cached ")
                .append("2-byte range, by the same instance in the same run, wrk on the client's core as in R.\n\n")
                .append("| measure | value | target | met |\n| --- | ---: | --- | --- |\n")
                .append(String.format("| CPU to decode a minute of audio | %.0f ms |  |  |%n", w.decodeCpuMillisPerMinute()))
                .append(String.format("| downloads/s without waveforms → with (CPU ms per download) | %.2f (%.0f) → %.2f (%.0f) | drop ≤ 10 %% | %s (%.1f %%) |%n",
                        w.withoutPerSecond(), w.withoutCpuMillis(), w.withPerSecond(), w.withCpuMillis(),
                        drop <= 0.10 ? "yes" : "no", drop * 100))
                .append(String.format("| cached waveform against a cached range: req/s (CPU µs/request, client busy) | %.0f (%.0f, %.0f %%) against %.0f (%.0f, %.0f %%) = %.2f× | as cheap as a range | %s |%n",
                        w.peaks().requestsPerSecond(), w.peaks().cpuMicrosPerRequest(), w.peaks().clientBusy() * 100,
                        w.range().requestsPerSecond(), w.range().cpuMicrosPerRequest(), w.range().clientBusy() * 100,
                        peaksOverRange, peaksOverRange >= 0.9 ? "yes" : "no"));
    }

    /** One row per scenario, made from that scenario's measures. */
    private static void rows(StringBuilder md, Map<String, Map<String, BenchmarkSuite.Measure>> results,
                             BiFunction<BenchmarkSuite.Scenario, Map<String, BenchmarkSuite.Measure>, String> row) {
        for (BenchmarkSuite.Scenario scenario : BenchmarkSuite.SCENARIOS) {
            md.append(row.apply(scenario, results.get(scenario.name())));
        }
    }

    private static String ratioToNginx(Map<String, BenchmarkSuite.Measure> measures, String target) {
        return ratioText(measures.get(target), measures.get("nginx"), measures.get(BenchmarkSuite.CEILING));
    }

    /**
     * Within 10 % of the client's own ceiling, or with wrk's core 90 % busy: the baseline measured the client, not the
     * server.
     */
    static boolean clientBound(BenchmarkSuite.Measure baseline, BenchmarkSuite.Measure ceiling) {
        return baseline.requestsPerSecond() >= 0.9 * ceiling.requestsPerSecond() || baseline.clientBusy() >= 0.9;
    }

    private static String ratioText(BenchmarkSuite.Measure measured, BenchmarkSuite.Measure baseline,
                                    BenchmarkSuite.Measure ceiling) {
        return clientBound(baseline, ceiling) ? "client-bound"
                : String.format("%.2f", measured.requestsPerSecond() / baseline.requestsPerSecond());
    }

    /** Issue 13's targets per scenario: a rate and a p99 against nginx's, or R3's CPU per gigabyte. */
    private record Target(String name, double minRatio) {

        static Target of(String scenario) {
            return switch (scenario) {
                case "R1", "R4" -> new Target(scenario, 0.7);
                case "R2" -> new Target(scenario, 0.6);
                default -> new Target(scenario, 0);
            };
        }

        boolean met(double ratio, BenchmarkSuite.Measure recstream, BenchmarkSuite.Measure nginx) {
            if (minRatio == 0) {
                return cpuPerGigabyte(recstream, nginx) <= 1.5;
            }
            return ratio >= minRatio && recstream.p99Micros() <= 3 * nginx.p99Micros();
        }

        String text(BenchmarkSuite.Measure recstream, BenchmarkSuite.Measure nginx) {
            return minRatio == 0 ? String.format("CPU/GB ≤ 1.5× nginx: %.2f×", cpuPerGigabyte(recstream, nginx))
                    : String.format("≥ %.1f, p99 ≤ 3× nginx", minRatio);
        }

        private static double cpuPerGigabyte(BenchmarkSuite.Measure recstream, BenchmarkSuite.Measure nginx) {
            return recstream.cpuSecondsPerGigabyte() / nginx.cpuSecondsPerGigabyte();
        }
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
        List<ScaleOut.Round> onBucket = rounds.stream().filter(round -> round.bucketRequests() != null).toList();
        if (onBucket.isEmpty()) {
            return;
        }
        md.append("\nWhat a download asked of the bucket, per recording, counted by the object store itself once the ")
                .append("waveform drawn after each download was done too (a HEAD gives the object's validators, the same ")
                .append("on every instance; \"read back\" is the bytes its GETs answered, in recordings):\n\n")
                .append("| instances | PUT | HEAD | GET | read back | target | met |\n| ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (ScaleOut.Round round : onBucket) {
            ScaleOut.BucketRequests asked = round.bucketRequests();
            boolean met = asked.puts() <= 1.0 && asked.recordingsReadBack() == 0;
            md.append(String.format("| %d | %.2f | %.2f | %.2f | %.2f | one PUT, no whole GET | %s |%n", round.instances(),
                    asked.puts(), asked.heads(), asked.gets(), asked.recordingsReadBack(), met ? "yes" : "no"));
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

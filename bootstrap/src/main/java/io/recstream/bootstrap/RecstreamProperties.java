package io.recstream.bootstrap;

import org.springframework.boot.convert.DurationStyle;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * All of recstream's settings ({@code recstream.*}), bound once, here; the adapters are handed typed settings made
 * from them ({@link RecstreamConfiguration}, {@link AdapterSettingsConfiguration}).
 */
@ConfigurationProperties("recstream")
@Validated
public record RecstreamProperties(
        @Valid @NotNull @DefaultValue Storage storage,
        @NotNull @DefaultValue("7d") Duration retention,
        @Valid @NotNull @DefaultValue Stream stream,
        @DefaultValue("false") boolean prefetch,
        @DefaultValue("true") boolean waveformOnDownload,
        @NotNull @DefaultValue("4h") Duration waveformMaxDuration,
        @Valid @NotNull @DefaultValue Download download,
        @Valid @NotNull @DefaultValue Twilio twilio,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Security security,
        @Valid @NotNull @DefaultValue Ui ui,
        @Valid @NotNull @DefaultValue Topics topics,
        @Valid @NotNull @DefaultValue Kafka kafka,
        @Valid @NotNull @DefaultValue Calls calls,
        @Valid @NotNull @DefaultValue Peers peers) {

    /**
     * How instances with no volume in common (on a bucket) share the downloads they hold, so that a play on any
     * instance follows a download in progress.
     *
     * @param secret the secret every instance shows its peers; none: each instance follows its own downloads only
     * @param host   how peers reach this instance (on its HTTP port); none: its host's address
     */
    public record Peers(String secret, String host) {

        @Override
        public String toString() {
            return "Peers[host=" + host + ", secret=<hidden>]";
        }
    }

    /** @param jwtSecret the HMAC-SHA256 key that verifies access tokens (required; checked where it is used) */
    public record Security(String jwtSecret) {

        @Override
        public String toString() {
            return "Security[jwtSecret=<hidden>]";
        }
    }

    /**
     * @param signInUrl                where the calls page sends a visitor without a token; none if blank
     * @param stalledDownloadGiveUp    how long the player waits for a download that does not advance before it
     *                                 gives up (it waits as long as the download advances)
     */
    public record Ui(@DefaultValue("") String signInUrl,
                     @NotNull @DefaultValue("20s") Duration stalledDownloadGiveUp) {
    }

    /**
     * @param partitions        partitions of the topics recstream creates
     * @param retention         how long the topics recstream creates keep records: longer than {@code recstream.retention}
     * @param replicationFactor copies of each partition of the topics recstream creates (3: a cluster that loses a
     *                          broker keeps every record); a one-broker cluster needs 1
     * @param minInsyncReplicas copies that must have a record before it is acknowledged (acks=all): with 3 and 2, a
     *                          broker can be lost without losing an acknowledged record or stopping writes
     */
    public record Topics(@NotNull @DefaultValue("recordings.calls") String calls,
                         @NotNull @DefaultValue("recordings.download-requests") String downloadRequests,
                         @NotNull @DefaultValue("recordings.download-events") String downloadEvents,
                         @NotNull @DefaultValue("recordings.registrations") String registrations,
                         @Min(1) @DefaultValue("6") int partitions,
                         @NotNull @DefaultValue("8d") Duration retention,
                         @Min(1) @DefaultValue("3") short replicationFactor,
                         @Min(1) @DefaultValue("2") int minInsyncReplicas) {
    }

    /**
     * @param sendTimeout       how long a publication may wait for the cluster's acknowledgement
     * @param downloadGroup     the consumer group (and listener id) of the download workers
     * @param callRegistryGroup the consumer group of the call record's consumers
     */
    public record Kafka(@NotNull @DefaultValue("5s") Duration sendTimeout,
                        @NotNull @DefaultValue("recstream-downloaders") String downloadGroup,
                        @NotNull @DefaultValue("recstream-call-registry") String callRegistryGroup) {
    }

    /**
     * @param checkInterval how often each instance checks that the call directory is whole (rebuilding it if not)
     * @param rememberedFor how long a call this instance has seen answers a lookup from its memory, without asking Redis
     *                      (past it, the memory still answers while Redis can't)
     */
    public record Calls(@NotNull @DefaultValue("2s") Duration checkInterval,
                        @NotNull @DefaultValue("30s") Duration rememberedFor) {
    }

    /**
     * @param heldRequestsPerUser  requests one user may have held at once per instance ({@code Prefer: wait}, the
     *                             legacy download); more answer 429
     * @param downloadsPerBusiness new downloads a business may cause per window, across all instances, as
     *                             {@code N/duration} (e.g. {@code 120/1m}); more answer 429
     */
    public record Limits(@Min(1) @DefaultValue("8") int heldRequestsPerUser,
                         @NotNull @DefaultValue("120/1m") String downloadsPerBusiness) {

        /** How many downloads per how long, from {@code N/duration}. */
        public record Rate(int count, Duration per) {
        }

        public Rate downloadRate() {
            String[] parts = downloadsPerBusiness.split("/", 2);
            try {
                int count = Integer.parseInt(parts[0].trim());
                Duration per = DurationStyle.detectAndParse(parts[1].trim());
                if (count >= 1 && !per.isNegative() && !per.isZero()) {
                    return new Rate(count, per);
                }
            } catch (RuntimeException e) {
                // answered below
            }
            throw new InvalidSettingException("recstream.limits.downloads-per-business",
                    "'" + downloadsPerBusiness + "' is not a rate", "Write it as a count per duration, e.g. 120/1m", null);
        }
    }

    /**
     * @param type           where recordings are kept: a directory, or an S3 bucket
     * @param dir            the directory of recordings (filesystem), which may be a volume shared by all instances;
     *                       with s3, where this instance spools a recording before it is put in the bucket
     * @param maxSize        the cache budget
     * @param staleTempAfter a temporary file untouched this long was left by a dead worker and is deleted
     * @param minFree        below this much free space the storage is reported DOWN (and the instance not ready)
     * @param sweepInterval  how often housekeeping runs (stale temp files, plays noted, retention, budget)
     * @param keepOpenFor    how long a recording's file stays open after a play read it, for the player's next range
     *                       (filesystem); 0 opens it for each range
     */
    public record Storage(@NotNull @DefaultValue("filesystem") StorageType type,
                          @NotNull @DefaultValue("data/recordings") Path dir,
                          @NotNull @DefaultValue("10GB") DataSize maxSize,
                          @NotNull @DefaultValue("10m") Duration staleTempAfter,
                          @NotNull @DefaultValue("256MB") DataSize minFree,
                          @NotNull @DefaultValue("1m") Duration sweepInterval,
                          @NotNull @DefaultValue("10s") Duration keepOpenFor,
                          @Valid @NotNull @DefaultValue S3 s3) {

        public Storage {
            if (keepOpenFor != null && keepOpenFor.isNegative()) {
                throw new InvalidSettingException("recstream.storage.keep-open-for", "a duration can't be negative",
                        "Write a duration, e.g. 10s, or 0 to open a recording for each range", null);
            }
        }
    }

    public enum StorageType { FILESYSTEM, S3 }

    /**
     * The bucket of {@code recstream.storage.type=s3}.
     *
     * @param endpoint       an S3-compatible server's URL (MinIO, Ceph, S3Proxy); none for AWS itself
     * @param pathStyle      bucket in the path rather than the host name, as most S3-compatible servers need
     * @param accessKey      with {@code secretKey}; none to use the AWS default chain (environment, profile, role)
     * @param maxConnections connections to the object store; a play served from the bucket holds one while it is sent
     * @param localCopyThreads how many copies of recordings played here this instance makes at once, on its disk
     *                       (under {@code recstream.storage.dir}, within {@code max-size} and {@code min-free}),
     *                       served from there by sendfile instead of a GET each; 0 for no local copies
     */
    public record S3(String bucket,
                     @NotNull @DefaultValue("recordings/") String prefix,
                     URI endpoint,
                     @NotNull @DefaultValue("us-east-1") String region,
                     @DefaultValue("false") boolean pathStyle,
                     String accessKey,
                     String secretKey,
                     @Min(1) @DefaultValue("200") int maxConnections,
                     @NotNull @DefaultValue("2s") Duration connectTimeout,
                     @NotNull @DefaultValue("30s") Duration readTimeout,
                     @Min(0) @DefaultValue("2") int localCopyThreads) {

        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", secretKey=<hidden>]";
        }
    }

    /** @param retryAfter the wait the stream endpoint suggests while a recording is prepared */
    public record Stream(@NotNull @DefaultValue("2s") Duration retryAfter) {
    }

    /**
     * @param concurrency consumers of the download topics per instance (Kafka listener threads)
     * @param parallelism downloads in hand per instance, each on a virtual thread
     * @param lockTtl     how long a download lock outlives a worker that died holding it (renewed while alive)
     * @param inFlightTtl how long a requested or running job may go without finishing before it is requested anew
     * @param settledTtl  how long a finished job's status is kept
     * @param claimTtl    how long a job claimed by a play stays requested if its command is never published (the
     *                    shared state or the queue failing in between): then the next play requests it again
     * @param coolDown    how long after a download finally failed a play answers 503 instead of asking again
     * @param youngCallGrace how long after a call ended a recording Twilio does not list (or answers 404 for) is
     *                       taken for one still in post-processing: retried, not failed for good
     * @param shutdownGrace  on shutdown, how long a download in hand may take to finish before it is handed back
     * @param legacyWait     how long the old download endpoint waits before answering 504
     */
    public record Download(@Min(1) @DefaultValue("2") int concurrency,
                           @Min(1) @DefaultValue("8") int parallelism,
                           @NotNull @DefaultValue("30s") Duration lockTtl,
                           @NotNull @DefaultValue("2m") Duration inFlightTtl,
                           @NotNull @DefaultValue("1d") Duration settledTtl,
                           @NotNull @DefaultValue("10s") Duration claimTtl,
                           @NotNull @DefaultValue("30s") Duration coolDown,
                           @NotNull @DefaultValue("10m") Duration youngCallGrace,
                           @NotNull @DefaultValue("30s") Duration shutdownGrace,
                           @NotNull @DefaultValue("25s") Duration legacyWait,
                           @Valid @NotNull @DefaultValue Retry retry) {

        /**
         * How a download that failed for a passing reason is tried again, through retry topics.
         *
         * @param attempts       attempts in all, the first included; after the last, the job is failed
         * @param initialBackoff the delay before the second attempt; doubled for each further one
         * @param maxBackoff     the longest delay between attempts
         */
        public record Retry(@Min(1) @DefaultValue("4") int attempts,
                            @NotNull @DefaultValue("2s") Duration initialBackoff,
                            @NotNull @DefaultValue("30s") Duration maxBackoff) {
        }
    }

    /**
     * @param stallTimeout           how long a media body may send nothing before the download is aborted
     * @param maxConcurrentDownloads media downloads at once per instance (a bulkhead)
     * @param downloadPermitWait     how long a download waits for a free slot
     * @param maxRecordingSize       a recording larger than this is refused, never stored
     */
    public record Twilio(String accountSid,
                         String authToken,
                         @NotNull @DefaultValue("https://api.twilio.com") URI baseUrl,
                         String webhookBaseUrl,
                         @NotNull @DefaultValue("5s") Duration connectTimeout,
                         @NotNull @DefaultValue("30s") Duration readTimeout,
                         @NotNull @DefaultValue("15s") Duration stallTimeout,
                         @Valid @NotNull @DefaultValue Retry retry,
                         @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker,
                         @Min(1) @DefaultValue("8") int maxConcurrentDownloads,
                         @NotNull @DefaultValue("2m") Duration downloadPermitWait,
                         @NotNull @DefaultValue("2GB") DataSize maxRecordingSize) {

        /** Retries of one Twilio call: exponential backoff with jitter, never shorter than Twilio's Retry-After. */
        public record Retry(@Min(1) @DefaultValue("3") int maxAttempts,
                            @NotNull @DefaultValue("500ms") Duration initialBackoff,
                            @NotNull @DefaultValue("10s") Duration maxBackoff) {
        }

        /** Opens when {@code failureRateThreshold}% of the last {@code slidingWindowSize} calls were outages. */
        public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
                                     @Min(1) @DefaultValue("20") int slidingWindowSize,
                                     @Min(1) @DefaultValue("10") int minimumCalls,
                                     @NotNull @DefaultValue("30s") Duration openDuration) {
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", baseUrl=" + baseUrl + ", authToken=<hidden>]";
        }
    }
}

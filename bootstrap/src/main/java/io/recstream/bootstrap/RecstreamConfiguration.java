package io.recstream.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.recstream.adapter.audio.JavaAudioDecoder;
import io.recstream.adapter.audio.RememberedUndrawableRecordings;
import io.recstream.adapter.redis.RedisCallDirectory;
import io.recstream.adapter.redis.RedisDownloadBudget;
import io.recstream.adapter.redis.RedisLocks;
import io.recstream.adapter.redis.RedisDownloadStatusRepository;
import io.recstream.adapter.redis.RedisRecordingReadiness;
import io.recstream.adapter.twilio.TwilioRecordingProvider;
import io.recstream.adapter.twilio.TwilioSettings;
import io.recstream.application.port.in.ListCallsUseCase;
import io.recstream.application.port.in.MaintainCacheUseCase;
import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.application.port.in.RecordingStatusUseCase;
import io.recstream.application.port.in.RebuildCallDirectoryUseCase;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.DownloadBudget;
import io.recstream.application.port.out.DownloadEvents;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.ProviderAvailability;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.service.ListCallsService;
import io.recstream.application.service.CacheBudget;
import io.recstream.application.service.MaintainCacheService;
import io.recstream.application.service.ProcessDownloadService;
import io.recstream.application.service.RecordingStatusService;
import io.recstream.application.service.RebuildCallDirectoryService;
import io.recstream.application.service.RegisterCallService;
import io.recstream.application.service.RequestDownloadService;
import io.recstream.application.service.StreamRecordingService;
import io.recstream.application.service.Waveforms;
import io.recstream.domain.RetentionPolicy;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Wires the hexagon: the out-port adapters, and the use cases built on them with plain constructors. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecstreamProperties.class)
class RecstreamConfiguration {

    /** Waveforms waiting to be computed after their downloads, at most (each is a few bytes until it runs). */
    private static final int WAVEFORMS_QUEUED = 10_000;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetentionPolicy retentionPolicy(RecstreamProperties properties) {
        return new RetentionPolicy(properties.retention());
    }

    // --- out-ports ---

    /** A call's entries are kept for the retention plus a day past its recording's creation (or its start). */
    @Bean
    CallDirectory callDirectory(StringRedisTemplate redis, RecstreamProperties properties, Clock clock) {
        return new RedisCallDirectory(redis, properties.retention().plus(Duration.ofDays(1)), clock,
                properties.calls().rememberedFor());
    }

    @Bean
    DownloadStatusRepository downloadStatusRepository(StringRedisTemplate redis, RecstreamProperties properties) {
        return new RedisDownloadStatusRepository(redis, properties.download().inFlightTtl(),
                properties.download().settledTtl(), properties.download().claimTtl());
    }

    /**
     * For @Scheduled housekeeping (the storage sweep, the call directory's check), apart from the lock renewals, so
     * a slow sweep never delays a renewal; two threads, so a long rebuild never holds up a sweep, nor a sweep a check.
     */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("housekeeping-");
        scheduler.setPoolSize(2);
        return scheduler;
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService lockRenewer() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lock-renewer").daemon().factory());
    }

    /** Download locks by call SID, and housekeeping locks by task name. */
    @Bean
    RedisLocks locks(StringRedisTemplate redis, RecstreamProperties properties, ScheduledExecutorService lockRenewer) {
        return new RedisLocks(redis, properties.download().lockTtl(), lockRenewer);
    }

    @Bean
    RedisRecordingReadiness recordingReadiness(StringRedisTemplate redis) {
        return new RedisRecordingReadiness(redis);
    }

    @Bean
    RedisMessageListenerContainer readinessListener(RedisConnectionFactory connections,
                                                    RedisRecordingReadiness recordingReadiness) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(recordingReadiness, new ChannelTopic(RedisRecordingReadiness.channel()));
        return container;
    }

    /** Twilio is both the recording provider and the judge of its own availability (its circuit breaker). */
    @Bean
    TwilioRecordingProvider twilioRecordingProvider(RecstreamProperties properties, Clock clock) {
        RecstreamProperties.Twilio twilio = properties.twilio();
        TwilioSettings.Resilience resilience = new TwilioSettings.Resilience(
                new TwilioSettings.Retry(twilio.retry().maxAttempts(), twilio.retry().initialBackoff(),
                        twilio.retry().maxBackoff()),
                new TwilioSettings.CircuitBreaker(twilio.circuitBreaker().failureRateThreshold(),
                        twilio.circuitBreaker().slidingWindowSize(), twilio.circuitBreaker().minimumCalls(),
                        twilio.circuitBreaker().openDuration()),
                new TwilioSettings.Bulkhead(twilio.maxConcurrentDownloads(), twilio.downloadPermitWait()));
        return new TwilioRecordingProvider(new TwilioSettings(twilio.accountSid(), twilio.authToken(),
                twilio.baseUrl(), twilio.connectTimeout(), twilio.readTimeout(), twilio.stallTimeout(),
                twilio.maxRecordingSize().toBytes(), resilience), clock);
    }

    @Bean
    MeterBinder twilioResilienceMeters(TwilioRecordingProvider twilio) {
        return twilio.resilienceMeters();
    }

    // --- use cases ---

    /** New downloads per business, across all instances ({@code recstream.limits.downloads-per-business}). */
    @Bean
    DownloadBudget downloadBudget(StringRedisTemplate redis, RecstreamProperties properties) {
        RecstreamProperties.Limits.Rate rate = properties.limits().downloadRate();
        return new RedisDownloadBudget(redis, rate.count(), rate.per());
    }

    @Bean
    RequestDownloadUseCase requestDownload(DownloadStatusRepository statuses, DownloadQueue queue,
                                           DownloadBudget budget, RecstreamProperties properties, Clock clock) {
        return new RequestDownloadService(statuses, queue, budget, properties.download().coolDown(), clock);
    }

    @Bean
    AudioDecoder audioDecoder() {
        return new JavaAudioDecoder();
    }

    /**
     * Computes waveforms one at a time, off the download slots and the request threads; a full queue (or shutting
     * down) refuses more, which the next request for one queues again.
     */
    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor waveformComputations() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(WAVEFORMS_QUEUED),
                Thread.ofPlatform().name("waveforms-", 0).daemon().factory());
    }

    /** {@code recstream.waveforms.waiting}: downloaded recordings whose waveform waits for the executor. */
    @Bean
    MeterBinder waveformsWaiting(ThreadPoolExecutor waveformComputations) {
        return meters -> Gauge.builder("recstream.waveforms.waiting", waveformComputations,
                        executor -> executor.getQueue().size())
                .description("Recordings whose waveform waits to be computed on this instance")
                .register(meters);
    }

    @Bean
    Waveforms waveforms(RecordingStore store, AudioDecoder audioDecoder, DownloadLock lock,
                        RecordingReadiness readiness, ThreadPoolExecutor waveformComputations,
                        RecstreamProperties properties) {
        return new Waveforms(store, audioDecoder, lock, readiness, new RememberedUndrawableRecordings(),
                waveformComputations,
                properties.waveformOnDownload(), properties.waveformMaxDuration());
    }

    @Bean
    StreamRecordingService streamRecording(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                                           RequestDownloadUseCase requestDownload, RecordingReadiness readiness,
                                           ProviderAvailability providerAvailability, RetentionPolicy retention,
                                           Waveforms waveforms, RecstreamProperties properties, Clock clock) {
        return new StreamRecordingService(calls, store, statuses, requestDownload, readiness, providerAvailability, retention,
                waveforms, properties.stream().retryAfter(), clock);
    }

    @Bean
    RecordingStatusUseCase recordingStatus(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                                           RetentionPolicy retention, Clock clock) {
        return new RecordingStatusService(calls, store, statuses, retention, clock);
    }

    /**
     * Housekeeping keeps twice {@code min-free} free, so that the downloads landing between two sweeps don't take the
     * volume under {@code min-free} (where the instance reports itself not ready).
     */
    @Bean
    MaintainCacheUseCase maintainCache(CallDirectory calls, RecordingStore store, StorageConfiguration.Storage storage,
                                       DownloadStatusRepository statuses, ClusterLock locks, RetentionPolicy retention,
                                       RecstreamProperties properties, Clock clock) {
        // Not a bean of its own: a directory store is its own play cache, and would be a second RecordingStore bean.
        return new MaintainCacheService(calls, store, storage.cache(), statuses, locks, retention, new CacheBudget(
                properties.storage().maxSize().toBytes(), 2 * properties.storage().minFree().toBytes()), clock);
    }

    @Bean
    ListCallsUseCase listCalls(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                               RetentionPolicy retention, Clock clock) {
        return new ListCallsService(calls, store, statuses, retention, clock);
    }

    @Bean
    ProcessDownloadUseCase processDownload(CallDirectory calls, CallRecord record, RecordingStore store,
                                           DownloadStatusRepository statuses, DownloadLock lock,
                                           RecordingProvider provider, DownloadEvents events,
                                           RecordingReadiness readiness, Waveforms waveforms,
                                           RetentionPolicy retention, RecstreamProperties properties, Clock clock) {
        return new ProcessDownloadService(calls, record, store, statuses, lock, provider, events, readiness,
                waveforms, new ProcessDownloadService.Policy(retention, properties.download().youngCallGrace()), clock);
    }

    @Bean
    RegisterCallUseCase registerCall(CallDirectory calls, CallRecord record, DownloadStatusRepository statuses,
                                     RequestDownloadUseCase requestDownload, RecstreamProperties properties,
                                     Clock clock) {
        return new RegisterCallService(calls, record, statuses, requestDownload, properties.prefetch(), clock);
    }

    @Bean
    RebuildCallDirectoryUseCase rebuildCallDirectory(CallDirectory calls, CallRecord record, ClusterLock locks) {
        return new RebuildCallDirectoryService(calls, record, locks);
    }
}

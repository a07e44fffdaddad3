package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.domain.DownloadRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The download workers: a consumer group over the download commands. The offset is committed only after the command
 * is processed, so a worker that dies mid-download leaves the command to the next owner of its partition. A passing
 * failure moves the command to a retry topic, so the partition goes on meanwhile.
 */
class DownloadCommandListener {

    private static final Logger log = LoggerFactory.getLogger(DownloadCommandListener.class);

    private final MessageReader messages;
    private final ProcessDownloadUseCase processDownload;
    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();

    DownloadCommandListener(MessageReader messages, ProcessDownloadUseCase processDownload, MeterRegistry meters) {
        this.messages = messages;
        this.processDownload = processDownload;
        this.meters = meters;
        meters.gauge("recstream.downloads.in.flight", inFlight);
    }

    @KafkaListener(id = "${recstream.kafka.download-group:recstream-downloaders}",
            topics = "${recstream.topics.download-requests:recordings.download-requests}",
            concurrency = "${recstream.download.concurrency:2}")
    void onCommand(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        DownloadRequest request = messages.downloadRequest(record.value());
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        ProcessDownloadUseCase.Result result;
        try {
            result = processDownload.process(request);
        } finally {
            inFlight.decrementAndGet();
        }
        String outcome = result.name().toLowerCase(Locale.ROOT);
        meters.timer("recstream.download.duration", "result", outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        meters.counter("recstream.download.commands", "result", outcome).increment();
        log.atInfo().setMessage("download command processed: {}").addArgument(outcome)
                .addKeyValue("callSid", request.callSid().value()).addKeyValue("businessId", request.business().value())
                .addKeyValue("reason", request.reason().wireName()).addKeyValue("topic", record.topic()).log();
        if (result == ProcessDownloadUseCase.Result.RETRY_LATER) {
            throw new DownloadRetryException("the download of " + request.callSid() + " failed for a passing reason");
        }
        acknowledgment.acknowledge();
    }

    /**
     * Commands that reached the DLT: unreadable ones (just logged: the DLT keeps them for operators), and ones whose
     * retries ran out, whose job is then failed so that plays stop waiting for it.
     */
    void onGivenUp(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        Header reasonHeader = record.headers().lastHeader(KafkaHeaders.EXCEPTION_MESSAGE);
        String reason = reasonHeader == null ? "unknown" : new String(reasonHeader.value(), StandardCharsets.UTF_8);
        try {
            DownloadRequest request = messages.downloadRequest(record.value());
            processDownload.giveUp(request, "retries exhausted: " + reason);
            log.warn("download of callSid={} businessId={} given up: {}", request.callSid(), request.business(), reason);
        } catch (InvalidMessageException e) {
            log.warn("unreadable download command kept on {}: {}", record.topic(), reason);
        }
        acknowledgment.acknowledge();
    }
}

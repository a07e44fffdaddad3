package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.domain.DownloadRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The download commands' consumers. Each command is handed to a worker (a virtual thread, a bounded number per
 * instance), so a partition's commands download side by side; offsets are committed in order, only past commands that
 * are done, so a worker that dies mid-download leaves its command to the next owner of the partition. A passing
 * failure moves the command to a retry topic, an unreadable one to the DLT, and the partition goes on meanwhile.
 */
class DownloadCommandListener {

    private static final Logger log = LoggerFactory.getLogger(DownloadCommandListener.class);

    private final MessageReader messages;
    private final ProcessDownloadUseCase processDownload;
    private final MeterRegistry meters;
    private final DownloadWorkers workers;
    private final FailedCommandRouter failures;
    private final DeadLetters deadLetters;
    private final InOrderAcknowledgements acknowledgements = new InOrderAcknowledgements();

    DownloadCommandListener(MessageReader messages, ProcessDownloadUseCase processDownload, MeterRegistry meters,
                            DownloadWorkers workers, FailedCommandRouter failures, DeadLetters deadLetters) {
        this.messages = messages;
        this.processDownload = processDownload;
        this.meters = meters;
        this.workers = workers;
        this.failures = failures;
        this.deadLetters = deadLetters;
    }

    /**
     * Waits for a free worker and hands the command over. When the instance is stopping it is not handed over, and its
     * ticket stays open: neither it nor anything after it on its partition is committed.
     */
    @KafkaListener(id = "#{@kafkaSettings.downloadGroup()}", topics = "#{@kafkaSettings.topics().downloadRequests()}",
            concurrency = "#{@kafkaSettings.concurrency()}")
    void onCommand(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        InOrderAcknowledgements.Ticket ticket = acknowledgements.register(record, acknowledgment);
        workers.submit(() -> {
            if (handle(record)) {
                acknowledgements.done(ticket);
            }
        });
    }

    /** True when the command needs nothing more from this consumer: processed, or routed to a retry topic or the DLT. */
    private boolean handle(ConsumerRecord<String, String> record) {
        try {
            DownloadRequest request = messages.downloadRequest(record.value());
            return switch (process(request, record.topic())) {
                case RETRY_LATER -> failures.route(record,
                        new DownloadRetryException("the download of " + request.callSid() + " failed for a passing reason"));
                // Not done yet: should the lock's holder die, this command is the one that must bring the download
                // about, so it is not committed as if it were done, but tried again later (then cached, or taken over).
                case TAKEN_BY_ANOTHER_WORKER -> failures.route(record, new DownloadRetryException(
                        "another worker holds the lock of " + request.callSid() + ": looking again later"));
                case REFUSED -> failures.route(record, new CommandRefusedException("businessId "
                        + request.business() + " does not own call " + request.callSid() + ": command refused"));
                default -> true;
            };
        } catch (RuntimeException unreadableOrUnexpected) {
            return failures.route(record, unreadableOrUnexpected);
        }
    }

    private ProcessDownloadUseCase.Result process(DownloadRequest request, String topic) {
        long start = System.nanoTime();
        ProcessDownloadUseCase.Result result = processDownload.process(request);
        String outcome = result.name().toLowerCase(Locale.ROOT);
        meters.timer("recstream.download.duration", "result", outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        meters.counter("recstream.download.commands", "result", outcome).increment();
        log.atInfo().setMessage("download command processed: {}").addArgument(outcome)
                .addKeyValue("callSid", request.callSid().value()).addKeyValue("businessId", request.business().value())
                .addKeyValue("reason", MessageMapper.wireName(request.reason())).addKeyValue("topic", topic).log();
        return result;
    }

    /**
     * Commands that reached the DLT: unreadable ones and refused ones (just logged: the DLT keeps them for operators),
     * and ones whose retries ran out, whose job is then failed (by its owner only) so that plays stop waiting for it,
     * once no worker holds it.
     */
    void onGivenUp(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        settleGivenUp(record);
        deadLetters.counted(record.topic());
        acknowledgment.acknowledge();
    }

    /**
     * Throws {@link RetryUntilReachableException} while the job's outcome can't be recorded or another worker holds
     * the job, to be tried again.
     */
    private void settleGivenUp(ConsumerRecord<String, String> record) {
        Header reasonHeader = record.headers().lastHeader(KafkaHeaders.EXCEPTION_MESSAGE);
        String reason = reasonHeader == null ? "unknown" : new String(reasonHeader.value(), StandardCharsets.UTF_8);
        DownloadRequest request;
        try {
            request = messages.downloadRequest(record.value());
        } catch (InvalidMessageException e) {
            log.warn("unreadable download command kept on {}: {}", record.topic(), reason);
            return;
        }
        switch (processDownload.giveUp(request, "retries exhausted: " + reason)) {
            case RETRY_LATER -> throw new RetryUntilReachableException(
                    "could not settle the given-up download of " + request.callSid() + ": trying again");
            case REFUSED -> log.warn("download command for callSid={} refused: businessId={} does not own it",
                    request.callSid(), request.business());
            // Not acknowledged while a worker holds the job: should that worker die mid-download, this command is
            // what brings the download about (giving up then finds it unfinished, and downloads it).
            case TAKEN_BY_ANOTHER_WORKER -> throw new RetryUntilReachableException(
                    "the download of " + request.callSid() + " is in another worker's hands: waiting for its outcome");
            default -> log.warn("download of callSid={} businessId={} given up: {}", request.callSid(),
                    request.business(), reason);
        }
    }
}

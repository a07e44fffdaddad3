package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.domain.DownloadRequest;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The download workers: a consumer group over the download commands. The offset is committed only after the command
 * is processed, so a worker that dies mid-download leaves the command to the next owner of its partition.
 */
class DownloadCommandListener {

    private static final Logger log = LoggerFactory.getLogger(DownloadCommandListener.class);

    private final MessageReader messages;
    private final ProcessDownloadUseCase processDownload;
    private final MeterRegistry meters;

    DownloadCommandListener(MessageReader messages, ProcessDownloadUseCase processDownload, MeterRegistry meters) {
        this.messages = messages;
        this.processDownload = processDownload;
        this.meters = meters;
    }

    @KafkaListener(id = "${recstream.kafka.download-group:recstream-downloaders}",
            topics = "${recstream.topics.download-requests:recordings.download-requests}",
            concurrency = "${recstream.download.concurrency:2}")
    void onCommand(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        DownloadRequest request = messages.downloadRequest(record.value());
        ProcessDownloadUseCase.Result result = processDownload.process(request);
        log.info("download command for callSid={} businessId={} reason={}: {}", request.callSid(), request.business(),
                request.reason().wireName(), result);
        meters.counter("recstream.download.commands", "result", result.name().toLowerCase(Locale.ROOT)).increment();
        acknowledgment.acknowledge();
    }
}

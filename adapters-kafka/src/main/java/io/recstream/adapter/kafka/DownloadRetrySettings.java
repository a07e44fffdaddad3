package io.recstream.adapter.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code recstream.download.retry.*}: how a download that failed for a passing reason is tried again, through retry
 * topics, so the partition it came from goes on meanwhile.
 *
 * @param attempts       attempts in all, the first included; after the last, the job is failed
 * @param initialBackoff the delay before the second attempt; doubled for each further one
 * @param maxBackoff     the longest delay between attempts
 */
@ConfigurationProperties("recstream.download.retry")
public record DownloadRetrySettings(@DefaultValue("4") int attempts, @DefaultValue("2s") Duration initialBackoff,
                                    @DefaultValue("30s") Duration maxBackoff) {
}

package io.recstream.adapter.kafka;

import java.time.Duration;

/**
 * How a download that failed for a passing reason is tried again, through retry topics, so the partition it came
 * from goes on meanwhile.
 *
 * @param attempts       attempts in all, the first included; after the last, the job is failed
 * @param initialBackoff the delay before the second attempt; doubled for each further one
 * @param maxBackoff     the longest delay between attempts
 */
public record DownloadRetrySettings(int attempts, Duration initialBackoff, Duration maxBackoff) {
}

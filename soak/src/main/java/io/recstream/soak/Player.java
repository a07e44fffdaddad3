package io.recstream.soak;

import io.recstream.soak.Ledger.Invariant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Plays as the UI does: asks again after a {@code 202} or a {@code 503} until the answer is final, then checks it
 * against what the contract says of the call. A play that is not final within its deadline is counted apart (faults
 * may hold a first play up); the final sweep asks every playable call to play.
 */
final class Player {

    /** A call learnt this long ago is known to the directory, unless a fault is being healed. */
    static final Duration KNOWN_AFTER = Duration.ofSeconds(10);
    /** How long after a fault heals the service may still be catching up (a rebuild, a gap read again). */
    static final Duration HEALING = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Instances.Instance> instances;
    private final String token;
    private final Ledger ledger;
    private final Faults faults;

    Player(List<Instances.Instance> instances, String token, Ledger ledger, Faults faults) {
        this.instances = instances;
        this.token = token;
        this.ledger = ledger;
        this.faults = faults;
    }

    /** The range a play asks for: none (the whole recording), a slice, or from a place to the end. */
    record Range(int from, int to, boolean toTheEnd) {
        static final Range WHOLE = new Range(-1, -1, false);

        static Range any(Random random, int length) {
            int from = random.nextInt(length);
            return switch (random.nextInt(3)) {
                case 0 -> WHOLE;
                case 1 -> new Range(from, Math.min(length - 1, from + random.nextInt(4096)), false);
                default -> new Range(from, length - 1, true);
            };
        }

        String header() {
            return toTheEnd ? "bytes=" + from + "-" : "bytes=" + from + "-" + to;
        }

        boolean whole() {
            return from < 0;
        }
    }

    /**
     * Plays the call as {@code asBusiness} (another business than the call's: a wrong-tenant try) until a final
     * answer or {@code within}; whether it ended.
     */
    boolean play(SoakCall call, String asBusiness, Range range, Random random, Duration within)
            throws InterruptedException {
        boolean otherTenant = !asBusiness.equals(call.business);
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Instances.Instance instance = instances.get(random.nextInt(instances.size()));
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request(instance, call, asBusiness, range), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException connectionLost) {
                // An instance killed or restarting, a play cut with the download it followed: ask again.
                Thread.sleep(300);
                continue;
            }
            int status = answer.statusCode();
            Instant now = Instant.now();
            String about = call.kind + " call " + call.callSid + " as " + asBusiness + " on " + instance.name()
                    + (range.whole() ? "" : " " + range.header());
            ledger.check(Invariant.NO_500, status < 500 || status == 503, status + " for " + about);
            if (status == 503) {
                ledger.check(Invariant.RETRY_AFTER, answer.headers().firstValue("Retry-After").isPresent(),
                        "503 without Retry-After for " + about);
                Thread.sleep(700);
                continue;
            }
            if (status == 202 || status == 429) {
                call.requested(now);
                Thread.sleep(500);
                continue;
            }
            if (otherTenant) {
                ledger.check(Invariant.NO_OTHER_TENANTS_AUDIO, status != 200 && status != 206,
                        status + " with " + answer.body().length + " bytes for " + about);
                ledger.check(Invariant.EXACT_OR_DOCUMENTED, status == 404, status + " for " + about);
                return true;
            }
            boolean falseNotFound = status == 404 && call.kind != SoakCall.Kind.MISSING;
            if (call.kind != SoakCall.Kind.MISSING && faults.healedFor(HEALING, now)
                    && call.knownFor(KNOWN_AFTER, now)) {
                ledger.check(Invariant.NO_FALSE_404, !falseNotFound, "404 " + new String(answer.body()) + " for "
                        + about);
            } else if (falseNotFound) {
                // Not known yet, or a fault still healing: a play asks again.
                Thread.sleep(700);
                continue;
            }
            if (falseNotFound) {
                return true;
            }
            boolean exact = status == call.expectedStatus(!range.whole()) && (status >= 300
                    || Arrays.equals(answer.body(), expectedBytes(call, range)));
            ledger.check(Invariant.EXACT_OR_DOCUMENTED, exact, status + " with " + answer.body().length
                    + " bytes for " + about + " (expected " + call.expectedStatus(!range.whole()) + ")");
            if (exact && status < 300) {
                call.served(now);
            }
            return true;
        }
        return false;
    }

    private HttpRequest request(Instances.Instance instance, SoakCall call, String asBusiness, Range range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.url() + "/api/recordings/"
                        + call.callSid + "/stream?business_id=" + asBusiness))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (!range.whole()) {
            request.header("Range", range.header());
        }
        return request.build();
    }

    private static byte[] expectedBytes(SoakCall call, Range range) {
        return range.whole() ? call.media : Arrays.copyOfRange(call.media, range.from(), range.to() + 1);
    }
}

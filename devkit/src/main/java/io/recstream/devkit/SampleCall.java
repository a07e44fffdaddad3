package io.recstream.devkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A seeded call of the local run, with its recording in the simulated Twilio. */
record SampleCall(String callSid, String business, String recordingSid, String direction, Instant startedAt,
                  boolean expired) {

    static List<SampleCall> seed(TwilioSimulator twilio, Instant now) {
        List<SampleCall> calls = new ArrayList<>();
        String[] directions = {"inbound", "outbound", "inbound"};
        for (String business : LocalRun.BUSINESSES) {
            for (int i = 0; i < 3; i++) {
                Instant started = now.minus(Duration.ofMinutes(15L * (i + 1)));
                SampleCall call = new SampleCall(sid("CA"), business, sid("RE"), directions[i], started, false);
                // A short delay, so the "preparing" state can be seen.
                twilio.addRecording(call.callSid, call.recordingSid, started.plusSeconds(40), Samples.mp3(i + 1),
                        Duration.ofMillis(1500));
                calls.add(call);
            }
        }
        // Past the 7-day retention (410), within the day its entry is kept after that.
        Instant longAgo = now.minus(Duration.ofDays(7).plusHours(12));
        SampleCall old = new SampleCall(sid("CA"), "acme", sid("RE"), "inbound", longAgo, true);
        twilio.addRecording(old.callSid, old.recordingSid, longAgo.plusSeconds(40), Samples.mp3(1));
        calls.add(old);
        return calls;
    }

    String toJson() {
        return """
                {"callSid":"%s","businessId":"%s","recordingSid":"%s","direction":"%s","from":"+97235550100",\
                "to":"+97235550199","startedAt":"%s","durationSeconds":6}"""
                .formatted(callSid, business, recordingSid, direction, startedAt);
    }

    private static String sid(String prefix) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}

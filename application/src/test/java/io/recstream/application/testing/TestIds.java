package io.recstream.application.testing;

import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingSid;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh, well-formed identifiers, so that tests never collide on shared infrastructure. */
public final class TestIds {

    private TestIds() {
    }

    public static CallSid aCallSid() {
        return new CallSid("CA" + randomHex());
    }

    public static RecordingSid aRecordingSid() {
        return new RecordingSid("RE" + randomHex());
    }

    public static BusinessId aBusiness() {
        return new BusinessId("biz-" + randomHex().substring(0, 8));
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

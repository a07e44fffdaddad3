package io.recstream.bootstrap.e2e;

import java.nio.file.Files;
import java.util.Map;

/** Following a download on two instances that share the recordings volume: the spool file is readable by both. */
class StreamWhileDownloadingEndToEndTest extends FollowingDownloadsEndToEndTest {

    @Override
    String prefix() {
        return "follow";
    }

    @Override
    Map<String, Object> properties() throws Exception {
        return Instances.isolated(INFRA, prefix(), Files.createTempDirectory("recstream-follow-"));
    }
}

package io.recstream.bootstrap.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Following a download on two instances that share the recordings volume: the spool file is readable by both. */
class StreamWhileDownloadingEndToEndTest extends FollowingDownloadsEndToEndTest {

    @Override
    String prefix() {
        return "follow";
    }

    private Path volume;

    /** Both instances on one volume. */
    @Override
    Map<String, Object> properties() throws Exception {
        if (volume == null) {
            volume = Files.createTempDirectory("recstream-follow-");
        }
        return Instances.isolated(INFRA, prefix(), volume);
    }
}

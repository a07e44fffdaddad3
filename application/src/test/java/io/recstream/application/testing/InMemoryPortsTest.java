package io.recstream.application.testing;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallDirectoryContract;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.DownloadLockContract;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.DownloadStatusRepositoryContract;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The fakes pass the same contracts as the real adapters, so tests built on them can be trusted. */
class InMemoryPortsTest {

    @Nested
    class CallDirectoryFake extends CallDirectoryContract {
        private final InMemoryCallDirectory directory = new InMemoryCallDirectory();

        @Override
        protected CallDirectory directory() {
            return directory;
        }
    }

    @Nested
    class RecordingStoreFake extends RecordingStoreContract {
        private final InMemoryRecordingStore store = new InMemoryRecordingStore(Clock.systemUTC());

        @Override
        protected RecordingStore store() {
            return store;
        }
    }

    @Nested
    class DownloadStatusRepositoryFake extends DownloadStatusRepositoryContract {
        private final InMemoryDownloadStatusRepository repository = new InMemoryDownloadStatusRepository();

        @Override
        protected DownloadStatusRepository repository() {
            return repository;
        }
    }

    @Nested
    class DownloadLockFake extends DownloadLockContract {
        private final InMemoryDownloadLock lock = new InMemoryDownloadLock();

        @Override
        protected DownloadLock lock() {
            return lock;
        }
    }
}

package io.recstream.adapter.storage;

import java.time.Duration;

/** What each instance does for its store now and then, besides the cluster-wide maintenance of the recordings. */
public interface StorageUpkeep {

    /**
     * Removes the temporary files of writers that died mid-download, untouched for {@code olderThan}.
     *
     * @return how many were removed
     */
    int removeStaleTempFiles(Duration olderThan);

    /** Where the temporary files are, for the log. */
    String describe();
}

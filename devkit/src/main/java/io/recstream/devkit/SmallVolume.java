package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real, small filesystem (tmpfs) mounted on a temporary directory: a real "no space left on device" for tests.
 * Mounting needs root (CI runs as root); {@link #mountable()} tells whether this machine lets us.
 */
public final class SmallVolume implements AutoCloseable {

    private final Path directory;

    private SmallVolume(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages by the kernel). */
    public static SmallVolume mount(long bytes) {
        try {
            Path directory = Files.createTempDirectory("recstream-small-volume-");
            run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", directory.toString()));
            return new SmallVolume(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a volume can be mounted here (root, and a kernel that allows it). */
    public static boolean mountable() {
        try (SmallVolume probe = mount(64 * 1024)) {
            return Files.isDirectory(probe.path());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Path path() {
        return directory;
    }

    @Override
    public void close() {
        run(List.of("umount", "-l", directory.toString()));
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // an empty temporary directory left behind
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

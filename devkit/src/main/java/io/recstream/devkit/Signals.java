package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Signals to the processes the devkit starts: to freeze one (SIGSTOP) as a stalled host, and let it go on. */
final class Signals {

    private Signals() {
    }

    static void send(ProcessHandle process, String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

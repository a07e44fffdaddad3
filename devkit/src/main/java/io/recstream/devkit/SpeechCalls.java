package io.recstream.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real recorded-call audio made on the spot with Debian's {@code espeak-ng} (speech), {@code sox} (silence, 8 kHz,
 * channels) and {@code lame} (MP3, as Twilio sends): a mono call with a pause between two sentences, and a two-channel
 * call whose agent (channel 0) and customer (channel 1) take turns. Each says where its speech is.
 */
public final class SpeechCalls {

    /** What a test needs installed: {@code apt-get install espeak-ng sox lame}. */
    public static final List<String> TOOLS = List.of("espeak-ng", "sox", "lame");
    public static final int SAMPLE_RATE = 8000;

    /** Someone speaking on {@code channel} from {@code fromSeconds} to {@code toSeconds}. */
    public record Turn(int channel, double fromSeconds, double toSeconds) {
    }

    /** A call's audio as Twilio would send it (MP3) and as the WAV it was encoded from, with its turns. */
    public record SpeechCall(Path mp3, Path wav, int channels, double seconds, List<Turn> turns) {
    }

    private SpeechCalls() {
    }

    /** Whether the tools are on the PATH. */
    public static boolean toolsInstalled() {
        return TOOLS.stream().allMatch(tool -> {
            try {
                return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** One voice: a sentence, {@code pauseSeconds} of silence, another sentence. */
    public static SpeechCall mono(Path directory, double pauseSeconds) throws IOException {
        Path first = speech(directory, "first", "Thank you for calling. How can I help you today?");
        Path pause = silence(directory, "pause", pauseSeconds);
        Path second = speech(directory, "second", "Your refund was sent this morning. Is there anything else?");
        Path wav = directory.resolve("mono.wav");
        run("sox", first.toString(), pause.toString(), second.toString(), wav.toString());
        double firstEnds = seconds(first);
        double secondStarts = firstEnds + pauseSeconds;
        List<Turn> turns = List.of(new Turn(0, 0, firstEnds), new Turn(0, secondStarts, secondStarts + seconds(second)));
        return encoded(wav, 1, turns);
    }

    /** Two channels taking turns: the agent speaks while the customer is silent, then the other way round. */
    public static SpeechCall twoChannels(Path directory) throws IOException {
        Path agentSays = speech(directory, "agent", "Good morning, this is Dana from the billing team.");
        Path customerSays = speech(directory, "customer", "Hi Dana, I was charged twice for my last order.");
        double agentEnds = seconds(agentSays);
        double customerLasts = seconds(customerSays);
        Path agent = directory.resolve("agent-channel.wav");
        Path customer = directory.resolve("customer-channel.wav");
        run("sox", agentSays.toString(), silence(directory, "agent-quiet", customerLasts).toString(), agent.toString());
        run("sox", silence(directory, "customer-quiet", agentEnds).toString(), customerSays.toString(),
                customer.toString());
        Path wav = directory.resolve("two-channels.wav");
        run("sox", "-M", agent.toString(), customer.toString(), wav.toString());
        return encoded(wav, 2, List.of(new Turn(0, 0, agentEnds), new Turn(1, agentEnds, agentEnds + customerLasts)));
    }

    private static SpeechCall encoded(Path wav, int channels, List<Turn> turns) throws IOException {
        Path mp3 = wav.resolveSibling(wav.getFileName().toString().replace(".wav", ".mp3"));
        run("lame", "--quiet", "-b", "32", "-m", channels == 1 ? "m" : "s", wav.toString(), mp3.toString());
        return new SpeechCall(mp3, wav, channels, seconds(wav), List.copyOf(turns));
    }

    /** A sentence spoken by espeak-ng, as 16-bit mono at {@value #SAMPLE_RATE} Hz. */
    private static Path speech(Path directory, String name, String text) throws IOException {
        Path spoken = directory.resolve(name + "-spoken.wav");
        run("espeak-ng", "-w", spoken.toString(), text);
        Path resampled = directory.resolve(name + ".wav");
        run("sox", spoken.toString(), "-r", Integer.toString(SAMPLE_RATE), "-c", "1", "-b", "16", resampled.toString());
        return resampled;
    }

    private static Path silence(Path directory, String name, double seconds) throws IOException {
        Path silent = directory.resolve(name + ".wav");
        run("sox", "-n", "-r", Integer.toString(SAMPLE_RATE), "-c", "1", "-b", "16", silent.toString(), "trim", "0",
                Double.toString(seconds));
        return silent;
    }

    private static double seconds(Path wav) throws IOException {
        return Double.parseDouble(run("soxi", "-D", wav.toString()).strip());
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}

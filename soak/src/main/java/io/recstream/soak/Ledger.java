package io.recstream.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The soak's invariants: how often each was checked and broken, with the first breaches described. */
final class Ledger {

    enum Invariant {
        EXACT_OR_DOCUMENTED("every finished play is byte-exact or the call's documented answer"),
        NO_500("no 500 (nor any other 5xx than 503)"),
        RETRY_AFTER("every 503 has Retry-After"),
        NO_FALSE_404("no 404 for a known call once the last fault has healed"),
        NO_OTHER_TENANTS_AUDIO("no audio to another business than the call's"),
        NO_HALF_OR_TEMP_FILE("no half or temporary file left"),
        ONE_DOWNLOAD("one media download per recording (one more per crash, of an instance or of Redis's data, while it was pending)"),
        PLAYS_AT_THE_END("at the end, every playable call plays");

        final String text;

        Invariant(String text) {
            this.text = text;
        }
    }

    private static final int EXAMPLES = 12;

    private final Map<Invariant, AtomicLong> checked = new EnumMap<>(Invariant.class);
    private final Map<Invariant, AtomicLong> broken = new EnumMap<>(Invariant.class);
    private final List<String> examples = new ArrayList<>();

    Ledger() {
        for (Invariant invariant : Invariant.values()) {
            checked.put(invariant, new AtomicLong());
            broken.put(invariant, new AtomicLong());
        }
    }

    void check(Invariant invariant, boolean held, String breach) {
        checked.get(invariant).incrementAndGet();
        if (!held) {
            broken.get(invariant).incrementAndGet();
            synchronized (examples) {
                if (examples.size() < EXAMPLES) {
                    examples.add(invariant.name() + ": " + breach);
                }
            }
            System.out.println("[soak] BROKEN " + invariant.name() + ": " + breach);
        }
    }

    boolean allHeld() {
        return broken.values().stream().allMatch(count -> count.get() == 0);
    }

    String table() {
        StringBuilder table = new StringBuilder("| invariant | checked | broken |\n| --- | ---: | ---: |\n");
        for (Invariant invariant : Invariant.values()) {
            table.append(String.format("| %s | %d | %d |%n", invariant.text, checked.get(invariant).get(),
                    broken.get(invariant).get()));
        }
        synchronized (examples) {
            examples.forEach(example -> table.append("\n- ").append(example));
        }
        return table.toString();
    }
}

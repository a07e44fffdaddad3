package io.recstream.application.port.out;

import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import java.util.Objects;

/** Facts about a call as the record holds them, with where they stand in it. */
public record RecordedFact(Call facts, FactPosition position) {

    public RecordedFact {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(position, "position");
    }
}

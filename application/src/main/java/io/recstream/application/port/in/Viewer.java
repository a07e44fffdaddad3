package io.recstream.application.port.in;

import io.recstream.domain.BusinessId;
import java.util.Objects;
import java.util.Set;

/** The authenticated user and the businesses it may act for (from its access token). */
public record Viewer(String subject, Set<BusinessId> businesses) {

    public Viewer {
        Objects.requireNonNull(subject, "subject");
        businesses = Set.copyOf(businesses);
    }

    public boolean mayActFor(BusinessId business) {
        return businesses.contains(business);
    }
}

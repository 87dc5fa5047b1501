package com.stockticker.feed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * A managed subscription request, sent to {@code /app/subscriptions}.
 *
 * @param maxRate updates per second per symbol; {@code null} for the configured maximum. Ignored when
 *     unsubscribing
 */
public record SubscriptionRequest(@NotNull Action action, @NotEmpty List<@NotBlank String> symbols, @Nullable Double maxRate) {

    public enum Action {
        @JsonProperty("subscribe") SUBSCRIBE,
        @JsonProperty("unsubscribe") UNSUBSCRIBE
    }
}

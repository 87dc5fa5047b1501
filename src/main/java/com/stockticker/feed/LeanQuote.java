package com.stockticker.feed;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.stockticker.market.Quote;

/**
 * A quote in the lean format of {@code /topic/prices}: the symbol, and of the fields that change as it trades only
 * those that changed since its previous quote (all of them when there is none). The fields that never change
 * ({@code name}, {@code open}, {@code previousClose}) come only in snapshots; {@code seq} is the previous one's
 * plus one, {@code tickSeq} and {@code timestamp} the batch's. {@code docs/protocol.md} documents the keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeanQuote(
        @JsonProperty("s") String symbol,
        @JsonProperty("p") @Nullable BigDecimal price,
        @JsonProperty("b") @Nullable BigDecimal bid,
        @JsonProperty("a") @Nullable BigDecimal ask,
        @JsonProperty("h") @Nullable BigDecimal high,
        @JsonProperty("l") @Nullable BigDecimal low,
        @JsonProperty("c") @Nullable BigDecimal change,
        @JsonProperty("cp") @Nullable BigDecimal changePercent,
        @JsonProperty("v") @Nullable Long volume) {

    /**
     * Each key of the lean format and the quote field it stands for (the component's name is the field's), for
     * clients that complete quotes from it: the dashboard gets them in its configuration.
     */
    public static final Map<String, String> KEYS = Arrays.stream(LeanQuote.class.getRecordComponents())
            // @JsonProperty is not a record component annotation: Java puts it on the accessor (among others).
            .collect(Collectors.toUnmodifiableMap(component -> component.getAccessor().getAnnotation(JsonProperty.class).value(),
                    RecordComponent::getName));

    /** The value of the {@code format} header that asks for lean batches on {@code /topic/prices}. */
    public static final String FORMAT = "lean";

    /** The fields of {@code quote} that differ from {@code previous}; every one if there is no previous quote. */
    static LeanQuote between(Quote previous, Quote quote) {
        Changes changes = new Changes(previous, quote);
        return new LeanQuote(quote.symbol(), changes.of(Quote::price), changes.of(Quote::bid), changes.of(Quote::ask),
                changes.of(Quote::high), changes.of(Quote::low), changes.of(Quote::change), changes.of(Quote::changePercent),
                changes.of(Quote::volume));
    }

    private record Changes(Quote before, Quote now) {

        <T> T of(Function<Quote, T> field) {
            T value = field.apply(now);
            return before != null && Objects.equals(field.apply(before), value) ? null : value;
        }
    }
}

package com.stockticker.trading;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void allowsTheBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(2, 10, 1_000);

        assertThat(bucket.tryTake(1_000)).isTrue();
        assertThat(bucket.tryTake(1_000)).isTrue();
        assertThat(bucket.tryTake(1_050)).isFalse();
        assertThat(bucket.tryTake(1_100)).isTrue();
        assertThat(bucket.tryTake(1_100)).isFalse();
        // A long pause refills up to the burst, not beyond.
        assertThat(bucket.tryTake(60_000)).isTrue();
        assertThat(bucket.tryTake(60_000)).isTrue();
        assertThat(bucket.tryTake(60_000)).isFalse();
    }

    @Test
    void aClockSetBackGivesNothingBack() {
        TokenBucket bucket = new TokenBucket(1, 10, 5_000);

        assertThat(bucket.tryTake(5_000)).isTrue();
        assertThat(bucket.tryTake(1_000)).isFalse();
        assertThat(bucket.tryTake(5_050)).isFalse();
        assertThat(bucket.tryTake(5_100)).isTrue();
    }
}

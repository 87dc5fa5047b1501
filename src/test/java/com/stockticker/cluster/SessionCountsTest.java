package com.stockticker.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When an edge binds and unbinds a user: at the user's first session here and after the last. */
class SessionCountsTest {

    private final SessionCounts counts = new SessionCounts();

    @Test
    void aUsersFirstSessionBindsAndTheLastUnbinds() {
        assertThat(counts.connected("alice", "s1")).isTrue();
        assertThat(counts.connected("alice", "s2")).isFalse();
        assertThat(counts.connected("bob", "s3")).isTrue();
        assertThat(counts.users()).containsExactlyInAnyOrder("alice", "bob");

        assertThat(counts.disconnected("s1")).isNull();
        assertThat(counts.holds("alice")).isTrue();
        assertThat(counts.disconnected("s2")).isEqualTo("alice");
        assertThat(counts.holds("alice")).isFalse();
        assertThat(counts.users()).containsExactly("bob");
    }

    @Test
    void aSessionCountsOnceHoweverOftenItIsReported() {
        counts.connected("alice", "s1");
        assertThat(counts.connected("alice", "s1")).isFalse();
        counts.connected("alice", "s2");
        assertThat(counts.disconnected("s1")).isNull();
        // Spring may report a session's end more than once.
        assertThat(counts.disconnected("s1")).isNull();
        assertThat(counts.holds("alice")).isTrue();
        assertThat(counts.disconnected("s2")).isEqualTo("alice");
        assertThat(counts.disconnected("s2")).isNull();
        assertThat(counts.disconnected("never-connected")).isNull();
    }

    @Test
    void aUserWhoComesBackIsBoundAgain() {
        counts.connected("alice", "s1");
        counts.disconnected("s1");
        assertThat(counts.connected("alice", "s2")).isTrue();
    }
}

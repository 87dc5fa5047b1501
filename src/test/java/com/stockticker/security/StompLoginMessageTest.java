package com.stockticker.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.stockticker.support.ChannelStompClient;
import com.stockticker.support.MessageHandlerTest;
import com.stockticker.support.StompChannels;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a STOMP session is, settled on CONNECT: a user by {@code login} and {@code passcode}, or an anonymous identity
 * of its own; a failed login is refused with the same ERROR whatever failed (docs/protocol.md, "Logging in"). The
 * close that follows an ERROR, and the browser's CSRF token, are StompSecurityIntegrationTest's.
 */
@MessageHandlerTest
class StompLoginMessageTest {

    @Autowired
    StompChannels stomp;

    @Test
    void loginAndPasscodeMakeTheSessionTheUsers() {
        try (ChannelStompClient alice = stomp.connect(Map.of("login", "alice", "passcode", "alice-demo"))) {
            assertThat(alice.await(frame -> frame.command().equals("CONNECTED")).header("user-name")).isEqualTo("alice");
            assertThat(alice.user().getName()).isEqualTo("alice");
        }
    }

    @Test
    void aConnectionWithoutALoginIsAnonymousAndItsOwn() {
        try (ChannelStompClient one = stomp.connect(); ChannelStompClient other = stomp.connect()) {
            assertThat(one.await(frame -> frame.command().equals("CONNECTED")).header("user-name")).isEqualTo("anonymous-" + one.sessionId());
            assertThat(other.user().getName()).isEqualTo("anonymous-" + other.sessionId()).isNotEqualTo(one.user().getName());
        }
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAMissingPasscodeGetTheSameError() {
        for (Map<String, String> credentials : List.of(Map.of("login", "alice", "passcode", "wrong"),
                Map.of("login", "nobody", "passcode", "alice-demo"), Map.of("login", "alice"))) {
            try (ChannelStompClient client = stomp.open()) {
                client.send("CONNECT", StompChannels.connectHeaders(credentials), "");

                StompFrame error = client.await(frame -> frame.command().equals("ERROR"));
                assertThat(error.header("message")).as(credentials.toString()).isEqualTo("authentication failed");
                // Refused before any handler: the broker never heard of the session.
                assertThat(client.handled()).isEmpty();
                assertThat(client.frames()).noneMatch(frame -> frame.command().equals("CONNECTED"));
            }
        }
    }
}

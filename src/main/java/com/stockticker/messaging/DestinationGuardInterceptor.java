package com.stockticker.messaging;

import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * Keeps clients to the destinations that are theirs: they SEND only to the application ({@code /app/**}),
 * so nobody but the server publishes prices; they SUBSCRIBE to topics, application snapshots and their
 * own user queues, never to a raw {@code /queue/...} destination, which would be another session's, nor to
 * the topics reserved for the service ({@link Destinations#INTERNAL_PREFIX}). Subscriptions name exact
 * destinations: the simple broker reads {@code *}, {@code **}, {@code ?} and {@code {...}} as Ant patterns,
 * which the topic broker does not, so a pattern would mean one thing or another depending on the broker.
 *
 * Within those, the {@code authorization} decides which frames need an authenticated user (trading).
 *
 * <p>It also keeps each connection's subscriptions within their limit, under ids of their own.
 *
 * <p>A refused message is dropped and the client told on {@code /user/queue/errors} (by {@link ClientErrors}, which
 * sends through the broker and so hears of it as an event: this interceptor is part of the broker's channels'
 * configuration and cannot hold the broker); the connection stays
 * open, as for any other bad message. The first refusal of a session is logged as a warning, the rest at
 * debug level, so that a misbehaving client cannot flood the log.
 */
class DestinationGuardInterceptor implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DestinationGuardInterceptor.class);
    private static final String WARNED_ATTRIBUTE = DestinationGuardInterceptor.class.getName() + ".warned";
    private static final String SUBSCRIPTIONS_ATTRIBUTE = DestinationGuardInterceptor.class.getName() + ".subscriptions";

    private static final List<String> SEND_PREFIXES = List.of(Destinations.APP_PREFIX + "/");
    private static final List<String> SUBSCRIBE_PREFIXES = List.of(Destinations.TOPIC_PREFIX + "/",
            Destinations.APP_PREFIX + "/", Destinations.USER_PREFIX + Destinations.QUEUE_PREFIX + "/");
    /** The header with which Spring's simple broker filters a subscription's messages. */
    static final String SELECTOR_HEADER = "selector";
    private static final Pattern WILDCARDS = Pattern.compile("[*#?{}]");

    private final ApplicationEventPublisher events;
    private final AuthorizationManager<Message<?>> authorization;
    private final int maxSubscriptions;
    private final ReceiptInterceptor receipts;
    private final List<TopicNames> topicNames;
    private final List<ResumableTopic> resumableTopics;
    private final List<TopicFormat> topicFormats;

    DestinationGuardInterceptor(ApplicationEventPublisher events, AuthorizationManager<Message<?>> authorization, int maxSubscriptions,
            ReceiptInterceptor receipts, List<TopicNames> topicNames, List<ResumableTopic> resumableTopics,
            List<TopicFormat> topicFormats) {
        this.events = events;
        this.authorization = authorization;
        this.maxSubscriptions = maxSubscriptions;
        this.receipts = receipts;
        this.topicNames = topicNames;
        this.resumableTopics = resumableTopics;
        this.topicFormats = topicFormats;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        SimpMessageType type = headers.getMessageType();
        if (type == SimpMessageType.UNSUBSCRIBE) {
            subscriptionIds(headers).remove(headers.getSubscriptionId());
            return message;
        }
        List<String> allowed = type == SimpMessageType.MESSAGE ? SEND_PREFIXES
                : type == SimpMessageType.SUBSCRIBE ? SUBSCRIBE_PREFIXES : null;
        if (allowed == null) {
            return message;
        }
        String destination = headers.getDestination();
        String verb = type == SimpMessageType.MESSAGE ? "SEND" : "SUBSCRIBE";
        if (destination == null || allowed.stream().noneMatch(destination::startsWith)) {
            return refuse(message, headers, ErrorCode.FORBIDDEN_DESTINATION, verb + " to '" + destination
                    + "' is not allowed; clients may " + verb + " only to "
                    + String.join(", ", allowed.stream().map(prefix -> prefix + "**").toList()));
        }
        if (type == SimpMessageType.SUBSCRIBE && destination.startsWith(Destinations.INTERNAL_PREFIX)) {
            return refuse(message, headers, ErrorCode.FORBIDDEN_DESTINATION,
                    "SUBSCRIBE to '" + destination + "' is not allowed: it is internal to the service");
        }
        if (type == SimpMessageType.SUBSCRIBE && WILDCARDS.matcher(destination).find()) {
            return refuse(message, headers, ErrorCode.FORBIDDEN_DESTINATION, "SUBSCRIBE to '" + destination
                    + "' is not allowed: wildcards (* # ? { }) are not supported; subscribe to exact destinations");
        }
        if (!authorization.authorize(() -> authentication(headers.getUser()), message).isGranted()) {
            return refuse(message, headers, ErrorCode.AUTHENTICATION_REQUIRED,
                    verb + " to '" + destination + "' needs a logged-in user; CONNECT with login and passcode");
        }
        if (type == SimpMessageType.SUBSCRIBE) {
            try {
                if (destination.startsWith(Destinations.TOPIC_PREFIX + "/")) {
                    topicNames.forEach(names -> names.check(destination));
                }
                checkResume(destination, headers);
                checkFormat(destination, headers);
                checkNoSelector(destination, headers);
            }
            catch (RejectedMessageException refused) {
                return refuse(message, headers, refused.getCode(), refused.getMessage());
            }
        }
        if (type == SimpMessageType.SUBSCRIBE && !destination.startsWith(Destinations.APP_PREFIX + "/")) {
            return countSubscription(message, headers);
        }
        return message;
    }

    /** Resume headers must be usable, and only on a topic that can be resumed. */
    private void checkResume(String destination, SimpMessageHeaderAccessor headers) {
        if (ResumeRequest.of(headers) == null) {
            return;
        }
        List<String> resumable = resumableTopics.stream().map(ResumableTopic::destination).toList();
        if (!resumable.contains(destination)) {
            throw new RejectedMessageException(ErrorCode.INVALID_HEADER, "SUBSCRIBE to '" + destination + "' cannot resume: "
                    + ResumeRequest.AFTER_HEADER + " is allowed only on " + String.join(", ", resumable));
        }
    }

    /** A format must be one that the destination comes in. */
    private void checkFormat(String destination, SimpMessageHeaderAccessor headers) {
        String format = headers.getFirstNativeHeader(MessageFormats.HEADER);
        if (format == null) {
            return;
        }
        List<String> offered = topicFormats.stream().filter(topic -> topic.destination().equals(destination))
                .map(TopicFormat::name).toList();
        if (!offered.contains(format)) {
            throw new RejectedMessageException(ErrorCode.INVALID_HEADER, "SUBSCRIBE to '" + destination + "': "
                    + MessageFormats.HEADER + " '" + format + "' is not offered here"
                    + (offered.isEmpty() ? "; this destination has no formats" : "; it comes in " + String.join(", ", offered)));
        }
    }

    /**
     * Topics go to every subscriber alike (see the delivery package), with no per-subscriber filter: a
     * {@code selector}, which Spring's own simple broker would evaluate, is refused rather than ignored.
     */
    private static void checkNoSelector(String destination, SimpMessageHeaderAccessor headers) {
        if (destination.startsWith(Destinations.TOPIC_PREFIX + "/") && headers.getFirstNativeHeader(SELECTOR_HEADER) != null) {
            throw new RejectedMessageException(ErrorCode.INVALID_HEADER, "SUBSCRIBE to '" + destination + "': the "
                    + SELECTOR_HEADER + " header is not supported on topics; subscribe to the exact destination you want");
        }
    }

    /**
     * Keeps a connection's lasting subscriptions (to topics and user queues; a SUBSCRIBE to {@code /app} is
     * answered once and keeps nothing) within {@code ticker.websocket.max-subscriptions}, each under an id
     * of its own, as STOMP requires: every subscription costs the server memory and every message it matches
     * costs a delivery.
     */
    private Message<?> countSubscription(Message<?> message, SimpMessageHeaderAccessor headers) {
        String id = headers.getSubscriptionId();
        Set<String> ids = subscriptionIds(headers);
        if (id == null || ids.contains(id)) {
            return refuse(message, headers, ErrorCode.INVALID_MESSAGE, "SUBSCRIBE needs an id that this connection "
                    + "does not use already" + (id != null ? "; '" + id + "' is in use" : ""));
        }
        if (ids.size() >= maxSubscriptions) {
            return refuse(message, headers, ErrorCode.TOO_MANY_SUBSCRIPTIONS, "A connection may hold at most "
                    + maxSubscriptions + " subscriptions; UNSUBSCRIBE from one first");
        }
        ids.add(id);
        return message;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> subscriptionIds(SimpMessageHeaderAccessor headers) {
        Map<String, Object> attributes = headers.getSessionAttributes();
        if (attributes == null) {
            return new HashSet<>();
        }
        return (Set<String>) attributes.computeIfAbsent(SUBSCRIPTIONS_ATTRIBUTE, key -> ConcurrentHashMap.newKeySet());
    }

    private Message<?> refuse(Message<?> message, SimpMessageHeaderAccessor headers, ErrorCode code, String reason) {
        logOncePerSession(headers, reason);
        events.publishEvent(new ClientErrors.MessageRefused(message, code, reason));
        receipts.refused(message);
        return null;
    }

    /** Spring Security's view of the principal: our anonymous principals are anonymous to it too. */
    private static Authentication authentication(Principal user) {
        if (user instanceof Authentication authentication) {
            return authentication;
        }
        String name = user != null ? user.getName() : "anonymous";
        return new AnonymousAuthenticationToken("stomp", name, AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }

    private static void logOncePerSession(SimpMessageHeaderAccessor headers, String reason) {
        Map<String, Object> attributes = headers.getSessionAttributes();
        boolean first = attributes == null || attributes.putIfAbsent(WARNED_ATTRIBUTE, Boolean.TRUE) == null;
        if (first) {
            log.warn("Session {} ({}): {}", headers.getSessionId(), headers.getUser() != null ? headers.getUser().getName() : "-", reason);
        }
        else {
            log.debug("Session {}: {}", headers.getSessionId(), reason);
        }
    }
}

package com.stockticker.messaging;

import org.springframework.lang.Nullable;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * What a client that comes back after a reconnect says on its SUBSCRIBE to a {@linkplain ResumableTopic resumable
 * topic}: the {@code seq} of the last message it applied, and the market it applied it in (from the
 * {@value #MARKET} header of the snapshot it started from). The topic then sends what the client missed, if it
 * still has all of it, or a snapshot first, marked {@value #SNAPSHOT}. {@code docs/protocol.md} documents the rules.
 *
 * @param after the {@code seq} of the last message the client applied; {@code 0} if it has none
 * @param market the market it applied it in; {@code null} if it has none
 */
public record ResumeRequest(long after, @Nullable String market) {

    /** SUBSCRIBE header: the {@code seq} of the last message the client applied; asks to resume. */
    public static final String AFTER_HEADER = "resume-after";
    /** SUBSCRIBE header: the market of that message, as the snapshot's {@value #MARKET} header named it. */
    public static final String MARKET_HEADER = "resume-market";
    /** MESSAGE header, {@code true} on a snapshot that a resuming subscription starts with instead of the messages it missed. */
    public static final String SNAPSHOT = "snapshot";
    /** MESSAGE header of a snapshot: the market it belongs to, for the client to send back when it resumes. */
    public static final String MARKET = "market";

    /**
     * Reads the resume headers of a SUBSCRIBE.
     *
     * @return {@code null} if the SUBSCRIBE does not ask to resume
     * @throws RejectedMessageException with {@link ErrorCode#INVALID_HEADER} if the headers are not usable
     */
    @Nullable
    public static ResumeRequest of(SimpMessageHeaderAccessor headers) {
        String after = headers.getFirstNativeHeader(AFTER_HEADER);
        String market = headers.getFirstNativeHeader(MARKET_HEADER);
        if (after == null) {
            if (market != null) {
                throw invalid(MARKET_HEADER + " needs " + AFTER_HEADER + ", the seq of the last message applied in that market");
            }
            return null;
        }
        long seq;
        try {
            seq = Long.parseLong(after);
        }
        catch (NumberFormatException ex) {
            seq = -1;
        }
        if (seq < 0) {
            throw invalid(AFTER_HEADER + " must be the seq of the last message applied (0 for none), not '" + after + "'");
        }
        return new ResumeRequest(seq, market == null || market.isEmpty() ? null : market);
    }

    private static RejectedMessageException invalid(String reason) {
        return new RejectedMessageException(ErrorCode.INVALID_HEADER, reason);
    }
}

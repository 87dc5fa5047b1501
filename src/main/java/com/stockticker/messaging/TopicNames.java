package com.stockticker.messaging;

import com.stockticker.errors.RejectedMessageException;

/**
 * Topics whose names say what they carry, such as {@code /topic/candles.AAPL.1m}: a feature that publishes
 * them says whether a name means something, so that a SUBSCRIBE to one that never will is refused with a code
 * rather than left silent.
 */
public interface TopicNames {

    /**
     * Does nothing for a destination this feature does not publish under, or for one it publishes.
     *
     * @throws RejectedMessageException with the code and message to refuse the SUBSCRIBE with
     */
    void check(String destination);
}

/**
 * The codes clients are told, defined once ({@link com.stockticker.errors.ErrorCode}): the {@code code} of an error
 * on {@code /user/queue/errors} and of a REST problem, and the {@code reason} of a rejected order, each with where
 * it may appear and what it means (the words of the AsyncAPI document and of {@code docs/protocol.md}'s tables);
 * and the exception that refuses a client's message with one ({@link com.stockticker.errors.RejectedMessageException}).
 *
 * <p>It depends on nothing of the project, so that the modules that refuse (feed, trading, web, cluster) and the one
 * that reports refusals on STOMP (messaging) share the vocabulary without depending on each other for it. Like
 * {@code roles}, a closed module without internals.
 */
@ApplicationModule(displayName = "Client error codes", allowedDependencies = {})
package com.stockticker.errors;

import org.springframework.modulith.ApplicationModule;

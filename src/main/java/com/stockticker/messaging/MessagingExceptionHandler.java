package com.stockticker.messaging;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ControllerAdvice;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * Turns every failure of a {@code @MessageMapping} or {@code @SubscribeMapping} handler into an error on
 * the client's {@code /user/queue/errors}. Client mistakes are logged at debug level without a stack trace;
 * only the server's own failures are logged as errors.
 */
@ControllerAdvice
class MessagingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MessagingExceptionHandler.class);

    private final ClientErrors errors;

    MessagingExceptionHandler(ClientErrors errors) {
        this.errors = errors;
    }

    @MessageExceptionHandler
    void unreadable(MessageConversionException ex, Message<?> message) {
        if (ex.getCause() instanceof StreamReadException syntax) {
            refuse(message, ErrorCode.MALFORMED_JSON, "The body is not valid JSON: " + syntax.getOriginalMessage());
        }
        else {
            refuse(message, ErrorCode.INVALID_MESSAGE, describe(ex.getCause()));
        }
    }

    @MessageExceptionHandler
    void invalid(MethodArgumentNotValidException ex, Message<?> message) {
        String problems = ex.getBindingResult() == null ? ex.getMessage()
                : ex.getBindingResult().getFieldErrors().stream()
                        .map(error -> error.getField() + " " + error.getDefaultMessage())
                        .sorted()
                        .collect(Collectors.joining("; "));
        refuse(message, ErrorCode.INVALID_MESSAGE, problems);
    }

    /** Every refusal with a code, the market's unknown symbols and intervals among them. */
    @MessageExceptionHandler
    void rejected(RejectedMessageException ex, Message<?> message) {
        refuse(message, ex.getCode(), ex.getMessage());
    }

    @MessageExceptionHandler
    void failed(Exception ex, Message<?> message) {
        log.error("Failed to handle a message to {}", SimpMessageHeaderAccessor.getDestination(message.getHeaders()), ex);
        errors.report(message, ErrorCode.INTERNAL_ERROR, "The server could not handle this message");
    }

    /** Says what is wrong with a JSON body in the client's terms: field names, never Java types. */
    private static String describe(Throwable cause) {
        if (!(cause instanceof JacksonException json)) {
            return "The body cannot be read: send JSON, with content-type application/json or none";
        }
        String field = json.getPath().stream()
                .map(step -> step.getPropertyName() != null ? "." + step.getPropertyName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        if (json instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + (field.isEmpty() ? unknown.getPropertyName() : field) + "'";
        }
        if (field.isEmpty()) {
            return "The body must be a JSON object with the documented fields";
        }
        if (json instanceof InvalidFormatException invalid) {
            return "Invalid value '" + invalid.getValue() + "' for '" + field + "'";
        }
        return "Wrong type of value for '" + field + "'";
    }

    private void refuse(Message<?> message, ErrorCode code, String text) {
        log.debug("Refused a message to {}: {} {}", SimpMessageHeaderAccessor.getDestination(message.getHeaders()), code, text);
        errors.report(message, code, text);
    }
}

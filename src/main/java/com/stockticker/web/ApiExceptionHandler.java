package com.stockticker.web;

import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.market.UnknownIntervalException;
import com.stockticker.market.UnknownSymbolException;

/**
 * Errors of the REST API as RFC 9457 problem details ({@code application/problem+json}). The {@code title} is in
 * the request's language (its {@code Accept-Language}, or the dashboard's language cookie), from the message
 * bundles; the {@code detail} stays English, as the STOMP error messages do: clients act on {@code code}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler
    ProblemDetail unknownSymbol(UnknownSymbolException ex) {
        return notFound(ex, ErrorCode.UNKNOWN_SYMBOL, "symbol", ex.getSymbol());
    }

    @ExceptionHandler
    ProblemDetail unknownInterval(UnknownIntervalException ex) {
        return notFound(ex, ErrorCode.UNKNOWN_INTERVAL, "interval", ex.getInterval());
    }

    /**
     * A refusal with a code, as STOMP would report it: 503 when the database is unavailable or, on an edge, the
     * trading core could not be reached in time; 400 for a bad request (an order history's {@code from} not before
     * its {@code to}).
     */
    @ExceptionHandler
    ProblemDetail rejected(RejectedMessageException ex) {
        HttpStatus status = ex.getCode() == ErrorCode.SERVICE_UNAVAILABLE ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        return problem(status, ex.getCode(), ex.getMessage());
    }

    /**
     * A request parameter outside its Bean Validation constraints (a {@code limit} out of range), which Spring
     * checks before the controller runs: {@code INVALID_MESSAGE}, with the constraint's message as the detail.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getAllErrors().stream().map(MessageSourceResolvable::getDefaultMessage).distinct()
                .collect(Collectors.joining("; "));
        return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_MESSAGE, detail), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Spring's own problems (an unknown path, a parameter of the wrong type, a method not allowed) are titled
     * with the status's reason phrase: that too in the request's language, where the bundles have it.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            if (status != null && status.getReasonPhrase().equals(problem.getTitle())) {
                problem.setTitle(statusTitle(status, problem.getTitle()));
            }
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** A problem with the error code clients know from STOMP, titled in the request's language. */
    private ProblemDetail problem(HttpStatus status, ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(statusTitle(status, status.getReasonPhrase()));
        problem.setProperty("code", code.name());
        return problem;
    }

    /** A 404 that names what was not found, under {@code name}, with the error code clients know from STOMP. */
    private ProblemDetail notFound(RuntimeException ex, ErrorCode code, String name, String value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle(messages.getMessage("problem.title." + code.name(), null, LocaleContextHolder.getLocale()));
        problem.setProperty("code", code.name());
        problem.setProperty(name, value);
        return problem;
    }

    /** The status's title in the request's language, or {@code otherwise} where the bundles have none. */
    private String statusTitle(HttpStatus status, String otherwise) {
        return messages.getMessage("problem.status." + status.value(), null, otherwise, LocaleContextHolder.getLocale());
    }
}

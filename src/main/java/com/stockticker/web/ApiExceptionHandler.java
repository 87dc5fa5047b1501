package com.stockticker.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.stockticker.market.UnknownIntervalException;
import com.stockticker.market.UnknownSymbolException;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;

/** Errors of the REST API as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail unknownSymbol(UnknownSymbolException ex) {
        return notFound(ex, "Unknown symbol", ErrorCode.UNKNOWN_SYMBOL, "symbol", ex.getSymbol());
    }

    @ExceptionHandler
    ProblemDetail unknownInterval(UnknownIntervalException ex) {
        return notFound(ex, "Unknown candle interval", ErrorCode.UNKNOWN_INTERVAL, "interval", ex.getInterval());
    }

    /**
     * A refusal with a code, as STOMP would report it: 503 when the database is unavailable or, on an edge, the
     * trading core could not be reached in time; 400 for a bad request (a candle {@code limit} below 1).
     */
    @ExceptionHandler
    ProblemDetail rejected(RejectedMessageException ex) {
        HttpStatus status = ex.getCode() == ErrorCode.SERVICE_UNAVAILABLE ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", ex.getCode().name());
        return problem;
    }

    /** A 404 that names what was not found, under {@code name}, with the error code clients know from STOMP. */
    private static ProblemDetail notFound(RuntimeException ex, String title, ErrorCode code, String name, String value) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle(title);
        problem.setProperty("code", code.name());
        problem.setProperty(name, value);
        return problem;
    }
}

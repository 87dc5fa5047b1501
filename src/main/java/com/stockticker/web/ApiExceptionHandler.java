package com.stockticker.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.stockticker.market.UnknownSymbolException;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;

/** Errors of the REST API as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail unknownSymbol(UnknownSymbolException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Unknown symbol");
        problem.setProperty("code", ErrorCode.UNKNOWN_SYMBOL.name());
        problem.setProperty("symbol", ex.getSymbol());
        return problem;
    }

    /** On an edge, the trading core could not be reached in time. */
    @ExceptionHandler
    ProblemDetail rejected(RejectedMessageException ex) {
        HttpStatus status = ex.getCode() == ErrorCode.SERVICE_UNAVAILABLE ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", ex.getCode().name());
        return problem;
    }
}

package com.stockticker.market;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * A client named a symbol that is not one of the configured instruments: refused with
 * {@link ErrorCode#UNKNOWN_SYMBOL}, as any other coded refusal (the REST API answers it with a 404 that names the
 * symbol).
 */
public class UnknownSymbolException extends RejectedMessageException {

    private final String symbol;

    public UnknownSymbolException(String symbol) {
        super(ErrorCode.UNKNOWN_SYMBOL, "Unknown symbol '" + symbol + "'");
        this.symbol = symbol;
    }

    public String getSymbol() {
        return symbol;
    }
}

package com.stockticker.market;

/** A client named a symbol that is not one of the configured instruments. */
public class UnknownSymbolException extends RuntimeException {

    private final String symbol;

    public UnknownSymbolException(String symbol) {
        super("Unknown symbol '" + symbol + "'");
        this.symbol = symbol;
    }

    public String getSymbol() {
        return symbol;
    }
}

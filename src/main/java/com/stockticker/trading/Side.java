package com.stockticker.trading;

public enum Side {
    BUY, SELL
}

package com.stockticker.bench;

import java.net.URI;

/** The tool's warm-up (--tool-warmup): where it connected, how many it tried and how many connected. */
record ToolWarmup(URI url, int connections, int connected) {
}

package com.stockticker.bench;

import java.util.Map;

/**
 * The server's memory and threads at one moment of a run (before connecting, with N idle connections, under load),
 * and the host's TCP socket memory. -1 where the tool cannot tell; {@code liveHeap} is empty without
 * {@code --server-heap}.
 */
record ServerFootprint(long rssKb, long hostTcpMemoryKb, Map<String, Object> liveHeap, long threads) {

    /** Reads them, with the live heap's {@code topClasses} largest classes if the options ask for the live heap. */
    static ServerFootprint read(Options options, int topClasses) {
        long pid = options.serverPid;
        // RSS first: the full GC of the live-heap measurement may shrink the heap.
        long rss = Proc.rssKb(pid);
        long tcp = Proc.hostTcpMemoryKb();
        Map<String, Object> heap = options.serverHeap ? Proc.liveHeap(pid, topClasses) : Map.of();
        return new ServerFootprint(rss, tcp, heap, Proc.threads(pid));
    }

    /** The live heap in KiB, -1 if not measured. */
    long liveHeapKb() {
        return ((Number) liveHeap.getOrDefault("live_kb", -1L)).longValue();
    }
}

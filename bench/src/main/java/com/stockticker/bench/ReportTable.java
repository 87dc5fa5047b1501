package com.stockticker.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table a run prints on stdout: the report's main figures, one per row (bench/run.sh and bench/storm.sh grep it). */
final class ReportTable {

    private ReportTable() {
    }

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> r) {
        Map<String, Object> c = (Map<String, Object>) r.get("connections");
        Map<String, Object> d = (Map<String, Object>) r.get("deliveries");
        Map<String, Object> l = (Map<String, Object>) r.get("latency_ms");
        Map<String, Object> s = (Map<String, Object>) r.get("server");
        Map<String, Object> cl = (Map<String, Object>) r.get("client");
        Map<String, Object> p = (Map<String, Object>) r.get("publish_rate");
        Map<String, Object> cm = (Map<String, Object>) c.get("connect_ms");
        Map<String, Object> fm = (Map<String, Object>) c.get("first_message_ms");
        StringBuilder b = new StringBuilder();
        row(b, "server", r.get("label") + "  " + r.get("url") + "  " + r.get("destinations"));
        Map<?, ?> config = (Map<?, ?>) r.get("config");
        row(b, "subscribers", r.get("subscribers") + " (" + r.get("scenario") + ", " + config.get("transport")
                + (((List<?>) config.get("subscribe_headers")).isEmpty() ? "" : ", SUBSCRIBE with " + config.get("subscribe_headers")) + ")");
        row(b, "connected / failed", c.get("connected") + " / " + c.get("connect_failures") + "  in " + f(c.get("ramp_s")) + " s");
        row(b, "held at end", c.get("held_at_end") + "  (closed by server: " + c.get("closed_by_server_in_window")
                + " in window, " + c.get("closed_by_server_total") + " in all)");
        row(b, "connect ms p50/p99/max", f(cm.get("p50")) + " / " + f(cm.get("p99")) + " / " + f(cm.get("max")));
        Map<String, Object> hm = (Map<String, Object>) c.get("handshake_ms");
        if (hm != null) {
            row(b, "  of which handshake", f(hm.get("p50")) + " / " + f(hm.get("p99")) + " / " + f(hm.get("max")));
        }
        row(b, "first msg ms p50/p99/max", f(fm.get("p50")) + " / " + f(fm.get("p99")) + " / " + f(fm.get("max")));
        row(b, "publish rate /sub/s", f(p.get("expected_per_subscriber")) + "  (" + p.get("source") + "; seq rate "
                + f(p.get("seq_rate")) + ", reference " + f(p.get("reference_message_rate")) + ")");
        row(b, "deliveries/s", f(d.get("per_second")) + "  over " + f(d.get("window_s")) + " s");
        row(b, "per subscriber/s", f(d.get("per_subscriber_per_second")) + "  = " + pct(d.get("ratio_to_publish_rate"))
                + " of publish rate; min " + f(d.get("min_subscriber_per_second")) + ", below 95%: " + d.get("subscribers_below_95pct"));
        row(b, "latency ms p50/p90/p99", f(l.get("p50")) + " / " + f(l.get("p90")) + " / " + f(l.get("p99")));
        Map<String, Object> l2 = (Map<String, Object>) r.get("latency_ms_second_half");
        row(b, "second half: p50/p99, delivered", f(l2.get("p50")) + " / " + f(l2.get("p99")) + " ms, "
                + pct(d.get("second_half_ratio_to_publish_rate")) + " of publish rate");
        row(b, "latency ms p99.9/max", f(l.get("p999")) + " / " + f(l.get("max")) + "  (" + l.get("count") + " samples)");
        double wire = (double) d.get("wire_bytes_per_delivery");
        row(b, "bytes/delivery", f(d.get("bytes_per_delivery")) + "  (" + f(d.get("megabytes_per_second")) + " MB/s)"
                + (wire > 0 ? ", on the wire " + f(wire) : ""));
        row(b, "server RSS KB before/idle/load", s.get("rss_before_kb") + " / " + s.get("rss_idle_kb") + " / " + s.get("rss_load_kb"));
        row(b, "server RSS KB/conn idle/load", f(s.get("rss_per_connection_idle_kb")) + " / " + f(s.get("rss_per_connection_load_kb")));
        if (s.containsKey("live_heap_per_connection_idle_kb")) {
            row(b, "server live heap KB/conn idle/load", f(s.get("live_heap_per_connection_idle_kb")) + " / "
                    + f(s.get("live_heap_per_connection_load_kb")));
        }
        row(b, "server CPU", f(s.get("cpu_percent_of_one_core")) + " % of a core, " + f(s.get("cpu_us_per_delivery")) + " us/delivery");
        row(b, "tool CPU", f(cl.get("cpu_percent_of_one_core")) + " % of a core, " + f(cl.get("cpu_us_per_delivery"))
                + " us/delivery (user " + f(cl.get("user_us_per_delivery")) + ", kernel " + f(cl.get("system_us_per_delivery"))
                + "; I/O threads " + f(cl.get("io_threads_cpu_us_per_delivery")) + ")");
        Map<?, ?> h = (Map<?, ?>) r.get("host");
        row(b, "host CPU busy", f(h.get("cpu_busy_percent")) + " %;  TCP socket memory KB before/load "
                + h.get("tcp_socket_memory_before_kb") + " / " + h.get("tcp_socket_memory_load_kb"));
        if (r.containsKey("frozen")) {
            Map<?, ?> fz = (Map<?, ?>) r.get("frozen");
            row(b, "frozen", fz.get("frozen") + " frozen; held " + fz.get("held_at_end") + ", closed by server "
                    + fz.get("closed_by_server_total"));
        }
        Map<?, ?> errs = (Map<?, ?>) r.get("errors");
        if (!errs.isEmpty()) {
            row(b, "errors", errs.toString());
        }
        System.out.print(b);
        System.out.flush();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append(String.format(Locale.ROOT, "%-34s %s%n", k, v));
    }

    private static String f(Object v) {
        if (!(v instanceof Number n)) {
            return "-";
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "-";
        }
        if (Math.abs(d) >= 100 || d == Math.rint(d)) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
    }

    private static String pct(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue())
                ? String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100) : "-";
    }
}

package com.stockticker.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What /proc and jcmd say about a process and the host. Every method returns -1 (or empty) when it cannot tell. */
final class Proc {

    /** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
    static final long HZ = 100;

    private Proc() {
    }

    /** VmRSS in KiB. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return -1;
    }

    /** User + system CPU time of a process in nanoseconds (from clock ticks: 10 ms resolution). */
    static long cpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is f[0]; utime and stime are fields 14 and 15 of the line, f[11] and f[12]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / HZ);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {user, system} CPU time of a process in nanoseconds. */
    static long[] cpuSplitNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + (pid <= 0 ? "self" : Long.toString(pid)) + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] { Long.parseLong(f[11]) * (1_000_000_000L / HZ), Long.parseLong(f[12]) * (1_000_000_000L / HZ) };
        } catch (IOException | RuntimeException e) {
            return new long[] { -1, -1 };
        }
    }

    /** Kernel memory of all TCP sockets on the host, KiB (/proc/net/sockstat "TCP: ... mem PAGES"). */
    static long hostTcpMemoryKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                if (line.startsWith("TCP:")) {
                    String[] f = line.trim().split("\\s+");
                    for (int i = 1; i + 1 < f.length; i++) {
                        if (f[i].equals("mem")) {
                            return Long.parseLong(f[i + 1]) * 4;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** Host CPU jiffies: {busy, total} from the first line of /proc/stat. */
    static long[] hostCpu() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) { // idle, iowait
                    idle += v;
                }
            }
            return new long[] { total - idle, total };
        } catch (IOException | RuntimeException e) {
            return new long[] { -1, -1 };
        }
    }

    /** Live heap after a full GC: `jcmd PID GC.class_histogram`; the total in KiB and the largest classes. */
    static Map<String, Object> liveHeap(long pid, int topClasses) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pid <= 0) {
            return out;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String command = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command, Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            byte[] all = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return out;
            }
            List<Map<String, Object>> top = new ArrayList<>();
            for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
                String t = line.trim();
                if (t.startsWith("Total")) {
                    String[] f = t.split("\\s+");
                    out.put("live_kb", Long.parseLong(f[2]) / 1024);
                    out.put("instances", Long.parseLong(f[1]));
                } else if (top.size() < topClasses && t.matches("\\d+:\\s+\\d+\\s+\\d+\\s+\\S+.*")) {
                    String[] f = t.split("\\s+");
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("class", f[3]);
                    c.put("instances", Long.parseLong(f[1]));
                    c.put("kb", Long.parseLong(f[2]) / 1024);
                    top.add(c);
                }
            }
            out.put("top_classes", top);
            out.put("jcmd_ms", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            out.put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}

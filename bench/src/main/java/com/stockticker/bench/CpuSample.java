package com.stockticker.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The CPU clocks at one edge of the window: the tool's process (and its user and kernel time apart, and its I/O threads
 * alone), the server's process, and the host's busy and total jiffies. -1 where the tool cannot tell.
 */
record CpuSample(long toolNanos, long toolUserNanos, long toolSystemNanos, long ioThreadsNanos, long serverNanos,
        long hostBusyJiffies, long hostTotalJiffies) {

    static CpuSample read(List<Thread> ioThreads, long serverPid) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        long tool = os.getProcessCpuTime();
        long[] userAndSystem = Proc.cpuSplitNanos(-1);
        long io = threadsCpu(ioThreads);
        long server = Proc.cpuNanos(serverPid);
        long[] host = Proc.hostCpu();
        return new CpuSample(tool, userAndSystem[0], userAndSystem[1], io, server, host[0], host[1]);
    }

    private static long threadsCpu(List<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : threads) {
            long v = mx.getThreadCpuTime(t.getId());
            if (v > 0) {
                sum += v;
            }
        }
        return sum;
    }
}

package org.trialkeeper.report;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The most heap a measurement used, two ways: sampled after each phase (what was held then,
 * garbage included, so the heap the phase needed at most), and left after each collection the
 * JVM ran meanwhile (what was still reachable, the report's working set). The second needs a
 * collection to happen; a small report may finish without one.
 */
final class HeapWatch {

    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong afterCollection = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    afterCollection.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
    }

    /** Starts a new measurement. */
    void reset() {
        sampled.set(0);
        afterCollection.set(0);
    }

    /** Notes the heap used now, at the end of a phase. */
    void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        sampled.accumulateAndGet(heap.getUsed(), Math::max);
    }

    long sampledMegabytes() {
        return sampled.get() >> 20;
    }

    /** The most left after a collection, or -1 if none ran. */
    long afterCollectionMegabytes() {
        long most = afterCollection.get();
        return most == 0 ? -1 : most >> 20;
    }

    /** The heap the JVM may grow to, -Xmx. */
    static long maximumMegabytes() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }
}

package io.lowalloc.examples;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Prints the JVM counterparts of the Go GC knobs ({@code GOGC}, {@code GOMEMLIMIT},
 * {@code GOGC=off}) together with the values this JVM is actually running with, read from the
 * {@link HotSpotDiagnosticMXBean} and the runtime's input arguments.
 */
final class JvmKnobs {

    private static final long MIB = 1024L * 1024L;

    private final HotSpotDiagnosticMXBean hotspot =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    /** Prints the knob table for a JVM whose collector beans are {@code collectors}. */
    void print(PrintStream out, List<String> collectors) {
        out.println("🔧 Go knobs and their JVM counterparts (values of this JVM):");
        out.printf(Locale.ROOT, "   GOGC=200 (GC less often)     → more heap / young gen: -Xmx, -Xmn or -XX:NewRatio"
                + " (now MaxHeapSize=%s, MaxNewSize=%s, NewRatio=%s)%n",
                mib("MaxHeapSize"), mib("MaxNewSize"), option("NewRatio"));
        out.printf(Locale.ROOT, "                                  and a pause goal: -XX:MaxGCPauseMillis (now %s)%n",
                option("MaxGCPauseMillis"));
        out.printf(Locale.ROOT, "   GOMEMLIMIT=4GiB (soft limit) → -Xmx4g is a hard cap (now %s); -XX:SoftMaxHeapSize"
                + " (now %s) is a soft one, honoured by ZGC and Shenandoah%n", mib("MaxHeapSize"),
                mib("SoftMaxHeapSize"));
        out.printf(Locale.ROOT, "   GOGC=off (tests only)        → -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC"
                + " (now %s): no GC at all, any steady allocation runs out of heap%n",
                collectors.isEmpty() ? "on: this JVM has no collector" : "off: this JVM has collectors");
        out.printf(Locale.ROOT, "   this JVM: collectors %s, flags %s%n", collectors,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Returns a VM option's value with where it came from, e.g. {@code 50 [command line]}. */
    String option(String name) {
        VMOption option = find(name);
        return option == null ? "n/a" : option.getValue() + origin(option);
    }

    private String mib(String name) {
        VMOption option = find(name);
        if (option == null) {
            return "n/a";
        }
        try {
            return Long.parseLong(option.getValue()) / MIB + " MiB" + origin(option);
        } catch (NumberFormatException e) {
            return option.getValue() + origin(option);
        }
    }

    private VMOption find(String name) {
        try {
            return hotspot.getVMOption(name);
        } catch (IllegalArgumentException e) {
            return null; // not a flag of this JVM build
        }
    }

    private static String origin(VMOption option) {
        switch (option.getOrigin()) {
            case VM_CREATION:
                return " [command line]";
            case ERGONOMIC:
                return " [ergonomic]";
            case DEFAULT:
                return " [default]";
            default:
                return " [" + option.getOrigin().name().toLowerCase(Locale.ROOT) + "]";
        }
    }
}

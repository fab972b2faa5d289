package io.lowalloc.otel.autoconfigure;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application {@link AgentExtensionIT} runs under the OpenTelemetry Java agent: it sees only the
 * OpenTelemetry API on its class path, records spans through it, and reads lowalloc's processor
 * stats by their JMX name (no lowalloc class needed), printing one line the test parses.
 */
public final class AgentApplication {

    private AgentApplication() {
    }

    /**
     * Records {@code args[0]} spans, waits up to 20 s for lowalloc's processor to have exported them
     * (if it is installed), prints {@code lowalloc-stats offered=N exported=N} or
     * {@code no-lowalloc-mbean}, and exits.
     *
     * @param args the span count
     * @throws Exception if JMX fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Tracer tracer = GlobalOpenTelemetry.getTracer("agent-application");
        for (int i = 0; i < count; i++) {
            Span span = tracer.spanBuilder("agent-span-" + i).startSpan();
            span.setAttribute("index", i);
            span.end();
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.lowalloc:type=Stats,name=otel-span-processor");
        if (!server.isRegistered(name)) {
            System.out.println("no-lowalloc-mbean");
            return;
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        long exported = 0;
        while (System.nanoTime() < deadline) {
            exported = (Long) server.getAttribute(name, "batch.exported");
            if (exported >= count) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.println("lowalloc-stats offered=" + server.getAttribute(name, "batch.offered")
                + " exported=" + exported);
    }
}

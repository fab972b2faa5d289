/**
 * OpenTelemetry SDK autoconfiguration support: with the switch
 * {@value io.lowalloc.otel.autoconfigure.LowallocAutoConfigurationCustomizerProvider#ENABLED_KEY}
 * on, the {@code BatchSpanProcessor} that autoconfiguration (or the OpenTelemetry Java agent, which
 * loads this module as an extension) builds is replaced by lowalloc's span processor around the same
 * exporter and with the same {@code otel.bsp.*} settings. Switched off, the default, nothing changes.
 */
package io.lowalloc.otel.autoconfigure;

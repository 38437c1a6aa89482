/**
 * Starts netpulse: configuration, the embedded broker and registry, the demo exporter; {@link io.netpulse.app.Main}.
 */
package io.netpulse.app;

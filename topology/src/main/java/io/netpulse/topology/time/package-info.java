/**
 * Event time judged per source (a device for counters, an exporter for flows), never by a task's stream time
 * that another source's backlog moved: {@link io.netpulse.topology.time.SourceClock} decides what is late and
 * when a window may close, {@link io.netpulse.topology.time.ClosingWindows} remembers which windows wait to be
 * emitted.
 */
package io.netpulse.topology.time;

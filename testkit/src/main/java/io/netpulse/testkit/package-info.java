/**
 * What the tests of every netpulse module share and that needs no netpulse class: the fixed time origin
 * ({@link io.netpulse.testkit.TestTime}), bounded waits ({@link io.netpulse.testkit.Waits}), the one HTTP answer
 * type ({@link io.netpulse.testkit.HttpAnswer}) and exact-output assertions over a TopologyTestDriver's topics
 * ({@link io.netpulse.testkit.OutputTopics}).
 */
package io.netpulse.testkit;

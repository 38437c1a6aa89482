/**
 * 95th-percentile billing of interfaces, sites and IP addresses from their 5-minute samples: the one computation
 * ({@link io.netpulse.topology.billing.BillingPercentile}) that both the {@code netpulse.billing} records
 * ({@link io.netpulse.topology.billing.BillingFlow}) and the billing API use.
 */
package io.netpulse.topology.billing;

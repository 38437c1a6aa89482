/**
 * The billing API: the 95th percentile of an interface, a site or an IP address over a period, computed from the
 * 5-minute samples as the {@code netpulse.billing} records are; entry point
 * {@link io.netpulse.query.billing.BillingService}.
 */
package io.netpulse.query.billing;

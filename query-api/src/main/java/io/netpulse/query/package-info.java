/**
 * The HTTP side of netpulse: {@link io.netpulse.query.QueryRoutes} registers one Helidon service per API.
 */
package io.netpulse.query;

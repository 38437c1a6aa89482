/**
 * The top talkers API ({@code GET /top/sources/{ip}}, {@code GET /top/sites/{id}}): the busiest source and
 * destination addresses of a source device or a site over a range
 * ({@link io.netpulse.query.toptalkers.TopTalkersService}).
 */
package io.netpulse.query.toptalkers;

/**
 * Errors of the four APIs: a request that cannot be answered throws a {@link io.netpulse.query.error.Problem},
 * and each API renders it once in its seed's shape through its {@link io.netpulse.query.error.ProblemShape};
 * {@link io.netpulse.query.error.ErrorResponseShape} is the shape of the ErrorResponse APIs, whose codes
 * {@link io.netpulse.query.error.ErrorDocsService} explains.
 */
package io.netpulse.query.error;

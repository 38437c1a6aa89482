/**
 * Errors of the APIs that answer with the seeds' {@link io.netpulse.query.error.ErrorResponse}
 * ({@code type, code, message, doc_url}): {@link io.netpulse.query.error.ApiException} carries one,
 * {@link io.netpulse.query.error.ErrorHandlers} answers it, {@link io.netpulse.query.error.ErrorDocsService}
 * explains each code.
 */
package io.netpulse.query.error;

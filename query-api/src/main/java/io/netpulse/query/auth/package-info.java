/**
 * Who is asking and what they may see: {@link io.netpulse.query.auth.Authenticator} turns the request's
 * {@code Authorization: Bearer <JWT>} header into a {@link io.netpulse.query.auth.Caller} (verified by
 * {@link io.netpulse.query.auth.TokenVerifier} against a configured JWK set), and each API checks the caller's
 * scopes before it looks anything up.
 */
package io.netpulse.query.auth;

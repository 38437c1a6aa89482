/**
 * The embedded default's token issuer: {@link io.netpulse.app.auth.LocalIssuer} keeps a signing key in the state
 * directory, publishes its public JWK set ({@link io.netpulse.app.auth.JwksService}), writes a demo token, and
 * mints tokens for {@code ./netpulse token} ({@link io.netpulse.app.auth.TokenCommand}).
 */
package io.netpulse.app.auth;

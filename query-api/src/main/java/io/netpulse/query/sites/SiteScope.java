package io.netpulse.query.sites;

import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.auth.Scope;

/**
 * The hook where the token's {@code sites} claim plugs into the data-transferred API: which sites the caller of a
 * request may see. Omitted {@code site_ids[]} means exactly these (every site when unrestricted), and a named site
 * outside them answers 403 {@code site_forbidden} before anything is read. The security wiring supplies
 * {@code request -> authenticator.authenticate(request).sites()}; {@link #ALL} stands in until then.
 */
@FunctionalInterface
public interface SiteScope {

    /** Every site. */
    SiteScope ALL = request -> Scope.ALL;

    /** The sites the caller of {@code request} may see; called after {@link io.netpulse.query.AccessCheck}. */
    Scope sitesOf(ServerRequest request);
}

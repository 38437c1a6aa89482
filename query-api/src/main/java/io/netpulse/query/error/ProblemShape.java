package io.netpulse.query.error;

import io.helidon.http.Status;

/**
 * How one API words every {@link Problem}: the status and the body its seed gives it. Each API has exactly one;
 * the request pipeline asks it for every error answer, so an API's errors cannot come out in another API's shape.
 */
@FunctionalInterface
public interface ProblemShape {

    /** The status and the body (a record or map, written as JSON) of {@code problem} in this API's shape. */
    Rendered render(Problem problem);

    /**
     * One rendered error.
     *
     * @param status the HTTP status
     * @param body   what is written as the JSON body
     */
    record Rendered(Status status, Object body) {
    }
}

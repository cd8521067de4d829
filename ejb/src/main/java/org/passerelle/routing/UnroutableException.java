package org.passerelle.routing;

/** Mail for a domain cannot be routed; the failure says whether to try again. */
public class UnroutableException extends Exception {

    private final transient RouteFailure failure;

    public UnroutableException(RouteFailure failure) {
        super(failure.toString());
        this.failure = failure;
    }

    public RouteFailure failure() {
        return failure;
    }
}

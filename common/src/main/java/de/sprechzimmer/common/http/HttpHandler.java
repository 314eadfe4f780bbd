package de.sprechzimmer.common.http;

/** Handles one request. Runs on the event loop: parse, route, respond; hand anything slow to {@link HttpExchange#blocking}. */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange) throws Exception;
}

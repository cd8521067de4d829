package org.passerelle.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Version 1 of the REST API, under the {@code /api} context: {@code /api/v1/...}. */
@ApplicationPath("/v1")
public class PasserelleApi extends Application {
}

package dev.tocsin.incident.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An endpoint that declares no access, as a new one would if its author forgot: it must be closed
 * to every credential. Test code only, and left out of the OpenAPI document the walks read.
 */
@Path("/api/v1/access-probe")
public class UnannotatedProbeResource {

    @GET
    @Operation(hidden = true)
    public String probe() {
        return "open";
    }
}

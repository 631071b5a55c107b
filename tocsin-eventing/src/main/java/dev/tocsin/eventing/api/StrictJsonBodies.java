package dev.tocsin.eventing.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Holds every JSON body of the management API ({@code /api/v1/...}) to {@link StrictJson} before it
 * is read, so a value no table can store is refused by its field at the door. Intake endpoints take
 * each monitoring system's format with rules of their own and are left alone.
 */
@Provider
public class StrictJsonBodies implements ReaderInterceptor {

    @Context
    UriInfo uri;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        boolean json = type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        if (json && uri.getPath().startsWith("/api/v1/")) {
            byte[] body = context.getInputStream().readAllBytes();
            StrictJson.check(body);
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }
}

package dev.tocsin.notifier.action;

import dev.tocsin.notifier.action.ActionLinks.SignedAction;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * What a signed link does ({@code /actions/<token>}), for people who follow it from an email or a
 * push notification: no API token, the signature is the credential. {@code GET} only shows what
 * the link would do, with a button, so a mail scanner that opens every link acknowledges nothing;
 * {@code POST} (the button, or ntfy's action) sends the command on {@code tocsin.page-commands} in
 * the link's person's name, via the link. A link that is not this deployment's is a 404; an
 * expired one a 410; both change nothing.
 */
@Path("/actions")
@Produces(MediaType.TEXT_HTML)
public class ActionResource {

    static final String VIA = "signed-link";

    private final ActionLinks links;
    private final PageActions actions;

    ActionResource(ActionLinks links, PageActions actions) {
        this.links = links;
        this.actions = actions;
    }

    @GET
    @Path("/{token}")
    @PermitAll
    public Response confirm(@PathParam("token") String token) {
        Optional<SignedAction> verified = links.verify(token);
        Response refused = refusal(verified);
        if (refused != null) {
            return refused;
        }
        SignedAction action = verified.get();
        return Response.ok(page(action.action().label() + " this page?",
                "<p>" + escape(action.action().label()) + " page <code>" + escape(action.pageId()) + "</code> as "
                        + escape(action.person()) + "?</p><form method=\"post\"><button type=\"submit\">"
                        + escape(action.action().label()) + "</button></form>")).build();
    }

    @POST
    @Path("/{token}")
    @PermitAll
    public Uni<Response> act(@PathParam("token") String token) {
        Optional<SignedAction> verified = links.verify(token);
        Response refused = refusal(verified);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        SignedAction action = verified.get();
        return actions.send(action.action(), action.pageId(), action.alertId(), action.person(), VIA)
                .map(ignored -> Response.ok(page(action.action().label() + "d", "<p>"
                        + escape(action.action().done()) + "</p>")).build());
    }

    /** The answer to a link that is not this deployment's or has expired; null for one that works. */
    private Response refusal(Optional<SignedAction> verified) {
        if (verified.isEmpty()) {
            return Response.status(404).entity(page("Unknown link", "<p>This link is not one Tocsin sent, or it was "
                    + "changed on the way.</p>")).build();
        }
        if (links.expired(verified.get())) {
            return Response.status(410).entity(page("Expired link", "<p>This link expired at "
                    + verified.get().expires() + ". Use the link of a newer notification, or the API.</p>")).build();
        }
        return null;
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + " - Tocsin</title>"
                + "<meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>" + escape(title)
                + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return EmailRenderer.escape(text == null ? "" : text);
    }
}

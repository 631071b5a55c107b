package dev.tocsin.notifier.reply;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.PageActions;
import dev.tocsin.notifier.channel.twilio.TwilioSignature;
import dev.tocsin.notifier.contact.ContactMethod;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Twilio's inbound SMS webhook: a person's reply to a page's SMS. No API token: Twilio's signature
 * of the request with the account's auth token is the credential, and a request without a valid
 * one is refused (403) before anything is read. The sender's number names the person (their SMS
 * contact method), their reply code the page, and the reply becomes a command in their name
 * ({@code via sms}). The answer is TwiML: one message back, saying what was done or how to reply.
 */
@Path("/webhooks/twilio")
public class TwilioWebhooks {

    private static final Logger LOG = Logger.getLogger(TwilioWebhooks.class);
    static final String SMS_PATH = "/webhooks/twilio/sms";
    static final String VIA = "sms";

    private final NotifierConfig config;
    private final ReplyCodes codes;
    private final PageActions actions;

    TwilioWebhooks(NotifierConfig config, ReplyCodes codes, PageActions actions) {
        this.config = config;
        this.codes = codes;
        this.actions = actions;
    }

    @POST
    @Path("/sms")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public Uni<String> sms(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        requireSigned(SMS_PATH, form, signature);
        String from = form.getFirst("From");
        Optional<SmsReply> reply = SmsReply.parse(form.getFirst("Body"));
        return Panache.withSession(() -> ContactMethod.<ContactMethod>list("type = ?1 and address = ?2", Channel.SMS,
                        from == null ? "" : from))
                .chain(methods -> {
                    List<String> people = methods.stream().map(m -> m.userId).distinct().toList();
                    if (people.size() != 1) {
                        // Nobody's, or shared by several people: acting in someone's name would be a guess.
                        return Uni.createFrom().item(twiml(people.isEmpty()
                                ? "Tocsin does not know this number. Use the links in the email or the app."
                                : "Several people share this number in Tocsin, so replies cannot tell who acts. "
                                        + "Use the links in the email or the app."));
                    }
                    String person = people.get(0);
                    if (reply.isEmpty()) {
                        return Uni.createFrom().item(twiml(help()));
                    }
                    return act(person, reply.get());
                });
    }

    private Uni<String> act(String person, SmsReply reply) {
        return codes.page(person, reply.code()).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(twiml("No page of yours has code " + reply.code() + ". " + help()));
            }
            return actions.send(reply.action(), page.get().pageId(), page.get().alertId(), person, VIA)
                    .map(ignored -> twiml(reply.action().label() + " sent for page " + page.get().pageId() + "."));
        });
    }

    /** @throws ProblemException 403 when the request is not signed by the configured Twilio account */
    private void requireSigned(String path, MultivaluedMap<String, String> form, String signature) {
        Optional<String> token = config.twilio().authToken();
        if (token.isEmpty() || !TwilioSignature.valid(token.get(), config.publicUrl(path), form, signature)) {
            LOG.warnf("refused a request to %s without a valid X-Twilio-Signature", path);
            throw new ProblemException(403, "Forbidden", token.isEmpty()
                    ? "Twilio is not configured here (TOCSIN_TWILIO_AUTH_TOKEN)"
                    : "X-Twilio-Signature is missing or does not match this request");
        }
    }

    private static String help() {
        return "Tocsin: each page's SMS gives its code, e.g. 12. " + SmsReply.howTo(12)
                + " Also: ack 12, res 12, esc 12.";
    }

    static String twiml(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + xml(message)
                + "</Message></Response>";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.tocsin.notifier.reply;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.action.PageActions;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.voice.VoiceChannel;
import dev.tocsin.notifier.channel.voice.VoiceScript;
import dev.tocsin.notifier.delivery.Deliveries;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordReport;
import dev.tocsin.notifier.channel.twilio.TwiML;
import dev.tocsin.notifier.channel.twilio.TwilioSignature;
import dev.tocsin.notifier.channel.twilio.WebhookUrls;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Twilio's webhooks: a call's script and the key pressed during it ({@link VoiceChannel}), the
 * status of a message or call it took, and an inbound SMS, a person's reply to a page's SMS
 * ({@link SmsReplies}). No API token: Twilio's signature of the request with the account's auth
 * token is the credential, and a request without a valid one is refused (403) before anything is
 * read. The answers are TwiML.
 */
@Path("/webhooks/twilio")
public class TwilioWebhooks {

    private static final Logger LOG = Logger.getLogger(TwilioWebhooks.class);
    static final String SMS_PATH = "/webhooks/twilio/sms";
    static final String VOICE = "voice";
    public static final String STATUS_PATH = "/webhooks/twilio/status";

    private final NotifierConfig config;
    private final SmsReplies replies;
    private final PageActions actions;
    private final Deliveries deliveries;
    private final Clock clock;

    TwilioWebhooks(NotifierConfig config, SmsReplies replies, PageActions actions, Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.config = config;
        this.replies = replies;
        this.actions = actions;
    }

    @POST
    @Path("/sms")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public Uni<String> sms(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        requireSigned(SMS_PATH, null, form, signature);
        return replies.answer(form.getFirst("From"), form.getFirst("Body")).map(TwiML::message);
    }

    /** What a call says: the page of its delivery, read out, and one key gathered. */
    @POST
    @Path("/voice")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public Uni<String> voice(@HeaderParam("X-Twilio-Signature") String signature, @QueryParam("delivery") String delivery,
            MultivaluedMap<String, String> form) {
        requireSigned(VoiceChannel.SCRIPT_PATH, delivery, form, signature);
        return notification(delivery).map(found -> found.map(n -> VoiceScript.call(n,
                WebhookUrls.of(config, VoiceChannel.DIGITS_PATH, delivery))).orElseGet(VoiceScript::unknown));
    }

    /** The key pressed during a call: 4 acknowledges, 6 resolves, 5 escalates, in the person's name via voice. */
    @POST
    @Path("/voice/digits")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public Uni<String> digits(@HeaderParam("X-Twilio-Signature") String signature,
            @QueryParam("delivery") String delivery, MultivaluedMap<String, String> form) {
        requireSigned(VoiceChannel.DIGITS_PATH, delivery, form, signature);
        Optional<PageAction> action = VoiceScript.action(form.getFirst("Digits"));
        return notification(delivery).chain(found -> {
            if (found.isEmpty() || found.get().alertId() == null) {
                return Uni.createFrom().item(VoiceScript.unknown());
            }
            if (action.isEmpty()) {
                return Uni.createFrom().item(VoiceScript.again(WebhookUrls.of(config, VoiceChannel.SCRIPT_PATH,
                        delivery)));
            }
            Notification n = found.get();
            return actions.send(action.get(), n.pageId(), n.alertId(), n.userId(), VOICE)
                    .map(ignored -> VoiceScript.done(action.get()));
        });
    }

    /**
     * Twilio's status callback for a message or call it took: delivered or answered confirms the
     * delivery; undelivered, failed, busy or unanswered records that it never reached the person,
     * which brings their next notification rule forward ({@code Failover}). Other statuses
     * (queued, sent, ringing) change nothing.
     */
    @POST
    @Path("/status")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public Uni<String> status(@HeaderParam("X-Twilio-Signature") String signature,
            @QueryParam("delivery") String delivery, MultivaluedMap<String, String> form) {
        requireSigned(STATUS_PATH, delivery, form, signature);
        Optional<RecordReport> report = report(form);
        if (report.isEmpty() || delivery == null || delivery.isBlank()) {
            return Uni.createFrom().item(TwiML.document(""));
        }
        return AfterCommit.transaction(() -> deliveries.execute(delivery, report.get()))
                .map(decided -> TwiML.document(""));
    }

    private Optional<RecordReport> report(MultivaluedMap<String, String> form) {
        String message = form.getFirst("MessageStatus");
        String call = form.getFirst("CallStatus");
        String code = form.getFirst("ErrorCode");
        String detail = (message != null ? "SMS " + message : "call " + call)
                + (code == null || code.isBlank() ? "" : " (Twilio error " + code + ")");
        if ("delivered".equals(message) || "completed".equals(call)) {
            return Optional.of(new RecordReport(true, null, clock.instant()));
        }
        if ("undelivered".equals(message) || "failed".equals(message) || "busy".equals(call)
                || "no-answer".equals(call) || "failed".equals(call) || "canceled".equals(call)) {
            return Optional.of(new RecordReport(false, detail, clock.instant()));
        }
        return Optional.empty();
    }

    private Uni<Optional<Notification>> notification(String deliveryId) {
        if (deliveryId == null || deliveryId.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return deliveries.load(deliveryId).map(loaded -> Optional.ofNullable(loaded.state().notification()));
    }

    /**
     * @param delivery the {@code delivery} query parameter of the URL Twilio called, which it signed too
     * @throws ProblemException 403 when the request is not signed by the configured Twilio account
     */
    private void requireSigned(String path, String delivery, MultivaluedMap<String, String> form, String signature) {
        Optional<String> token = config.twilio().authToken();
        String url = delivery == null ? config.publicUrl(path) : WebhookUrls.of(config, path, delivery);
        if (token.isEmpty() || !TwilioSignature.valid(token.get(), url, form, signature)) {
            LOG.warnf("refused a request to %s without a valid X-Twilio-Signature", path);
            throw new ProblemException(403, "Forbidden", token.isEmpty()
                    ? "Twilio is not configured here (TOCSIN_TWILIO_AUTH_TOKEN)"
                    : "X-Twilio-Signature is missing or does not match this request");
        }
    }
}

package dev.tocsin.notifier.channel.voice;

import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.twilio.TwiML;
import java.util.Locale;
import java.util.Optional;

/** What a call says, as TwiML: the page read out, and one key to act on it. */
public final class VoiceScript {

    private VoiceScript() {
    }

    /** The key a person presses during the call, and what it does. */
    public static Optional<PageAction> action(String digits) {
        return switch (digits == null ? "" : digits.strip()) {
            case "4" -> Optional.of(PageAction.ACKNOWLEDGE);
            case "6" -> Optional.of(PageAction.RESOLVE);
            case "5" -> Optional.of(PageAction.ESCALATE);
            default -> Optional.empty();
        };
    }

    /**
     * The page read out twice inside a gather of one key, posted to {@code digitsUrl}; a notice
     * about no page (a shift handoff) is only read.
     */
    public static String call(Notification n, String digitsUrl) {
        String words = "This is Tocsin. " + (n.severity() == null ? "" : n.severity().toLowerCase(Locale.ROOT) + " ")
                + "page for " + (n.service() == null ? "an unknown service" : n.service()) + ": "
                + (n.summary() == null ? "no summary" : n.summary()) + ".";
        if (n.alertId() == null) {
            return TwiML.document(TwiML.say(words + (n.reason() == null ? "" : " " + n.reason() + ".")) + "<Hangup/>");
        }
        String keys = " Press 4 to acknowledge, 6 to resolve, 5 to escalate.";
        return TwiML.document("<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\""
                + TwiML.escape(digitsUrl) + "\"><Say loop=\"2\">" + TwiML.escape(words + keys) + "</Say></Gather>"
                + TwiML.say("No key was pressed. The page stays open. Goodbye."));
    }

    /** After a key that acts: what was done, then hang up. */
    public static String done(PageAction action) {
        return TwiML.document(TwiML.say(action.done()) + "<Hangup/>");
    }

    /** After any other key: say so, and read the page again from {@code scriptUrl}. */
    public static String again(String scriptUrl) {
        return TwiML.document(TwiML.say("That key does nothing.") + "<Redirect method=\"POST\">" + TwiML.escape(scriptUrl) + "</Redirect>");
    }

    /** A call about a delivery this deployment does not know. */
    public static String unknown() {
        return TwiML.document(TwiML.say("This call is about nothing Tocsin knows. Goodbye.") + "<Hangup/>");
    }
}

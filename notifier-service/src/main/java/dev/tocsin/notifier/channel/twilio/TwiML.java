package dev.tocsin.notifier.channel.twilio;

/** Twilio's markup for what a webhook answers: a message back, words said, keys gathered. */
public final class TwiML {

    private TwiML() {
    }

    /** A whole answer made of {@code verbs}, already markup. */
    public static String document(String verbs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>";
    }

    /** One SMS back to the sender. */
    public static String message(String text) {
        return document("<Message>" + escape(text) + "</Message>");
    }

    public static String say(String words) {
        return "<Say>" + escape(words) + "</Say>";
    }

    /** Text made safe inside an element or an attribute: alert text comes from outside. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.tocsin.notifier.channel.email;

/** An email ready to send: one subject line, a plain-text body and the same content as HTML. */
public record RenderedEmail(String subject, String text, String html) {
}

package dev.tocsin.notifier;

import static org.awaitility.Awaitility.await;

import dev.tocsin.testing.SmtpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The messages the test SMTP server received, by recipient, as a person's mail client shows them. */
final class Mailbox {

    private Mailbox() {
    }

    static List<MimeMessage> to(SmtpServer smtp, String address) {
        return smtp.receivedMessages().stream().filter(m -> recipients(m).contains(address)).toList();
    }

    /** Waits, bounded, for the first message to {@code address}. */
    static MimeMessage awaitOne(SmtpServer smtp, String address) {
        await("an email to " + address).atMost(Duration.ofSeconds(30)).until(() -> !to(smtp, address).isEmpty());
        return to(smtp, address).get(0);
    }

    /** The decoded text/plain part. */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String text = text(child);
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

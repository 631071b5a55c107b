package dev.tocsin.testing;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Keeps every message an {@link SmtpServer} received as one {@code .eml} file in a folder, named
 * {@code <n>-<instant>-<recipient>.eml}, numbered in the order they arrived. The server lists its
 * messages by mailbox, not by arrival, so the keeper remembers which messages it wrote rather than
 * how many (a position in that list names another message once mail for someone else arrives),
 * and orders what is new by the time the server received it.
 */
public final class MailFolder {

    private final SmtpServer smtp;
    private final Path dir;
    private final Set<MimeMessage> written = Collections.newSetFromMap(new IdentityHashMap<>());

    public MailFolder(SmtpServer smtp, Path dir) {
        this.smtp = smtp;
        this.dir = dir;
    }

    /** Writes the messages that arrived since the last call; returns how many. */
    public synchronized int keepNew() {
        List<MimeMessage> arrived = smtp.receivedMessages().stream().filter(m -> !written.contains(m))
                .sorted(Comparator.comparing(MailFolder::receivedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        for (MimeMessage message : arrived) {
            written.add(message);
            Path file = dir.resolve(String.format("%05d-%s-%s.eml", written.size(),
                    Instant.now().toString().replace(':', '-'), recipient(message)));
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            } catch (Exception e) {
                System.err.println("cannot write " + file + ": " + e);
            }
        }
        return arrived.size();
    }

    private static Date receivedAt(MimeMessage message) {
        try {
            return message.getReceivedDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            String address = to == null || to.length == 0 ? "nobody"
                    : to[0] instanceof InternetAddress internet ? internet.getAddress() : to[0].toString();
            return address.replaceAll("[^A-Za-z0-9@._+-]", "_");
        } catch (MessagingException e) {
            return "unreadable";
        }
    }
}

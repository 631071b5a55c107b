package dev.tocsin.notifier.channel.email;

import dev.tocsin.notifier.channel.SendOutcome;
import io.vertx.ext.mail.SMTPException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts what went wrong talking to the SMTP relay. A 5xx reply is permanent (the recipient does
 * not exist, the relay refuses us): sending the same message again gets the same answer. A 4xx
 * reply (mailbox busy, greylisting) and anything below SMTP (connection refused, reset, timeout)
 * may pass later, so it is recoverable.
 */
public final class SmtpFailures {

    private SmtpFailures() {
    }

    public static SendOutcome classify(Throwable failure) {
        SMTPException smtp = find(failure);
        if (smtp != null) {
            String reply = smtp.getReplyMessages() == null ? smtp.getMessage() : String.join(" ", smtp.getReplyMessages());
            String error = "SMTP relay answered: " + reply.replaceAll("\\s+", " ").strip();
            return smtp.isPermanent() ? SendOutcome.permanent(error) : SendOutcome.recoverable(error);
        }
        if (failure instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException) {
            return SendOutcome.recoverable("SMTP relay did not answer in time");
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return SendOutcome.recoverable("SMTP relay unreachable: " + message);
    }

    private static SMTPException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }
}

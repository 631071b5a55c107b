package dev.tocsin.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real SMTP server (GreenMail) that keeps what it receives, so tests read the very messages
 * Tocsin sent. It accepts any recipient without authentication, like a mail catcher.
 */
public final class SmtpServer implements AutoCloseable {

    private final int port;
    private GreenMail mail;

    private SmtpServer(int port) {
        this.port = port;
    }

    /** Starts on a free port. */
    public static SmtpServer start() {
        return start(FreePorts.next());
    }

    public static SmtpServer start(int port) {
        SmtpServer server = new SmtpServer(port);
        server.resume();
        return server;
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return port;
    }

    public List<MimeMessage> receivedMessages() {
        return mail == null ? List.of() : List.of(mail.getReceivedMessages());
    }

    /** Waits, bounded, until at least {@code count} messages arrived; returns all received. */
    public List<MimeMessage> awaitMessages(int count, Duration atMost) {
        Awaitility.await(count + " email(s) on port " + port).atMost(atMost)
                .until(() -> receivedMessages().size() >= count);
        return receivedMessages();
    }

    /** Forgets the messages received so far. */
    public void reset() {
        if (mail != null) {
            mail.reset();
        }
    }

    /** Stops listening, so senders see the server as down; {@link #resume()} brings it back on the same port. */
    public void pause() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }

    public void resume() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
        }
    }

    @Override
    public void close() {
        pause();
    }
}

package dev.tocsin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailFolderTest {

    private final SmtpServer smtp = SmtpServer.start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void theFolderHoldsEachMessageOnceInTheOrderItArrived() throws IOException {
        MailFolder folder = new MailFolder(smtp, dir);
        // Mail for two people, interleaved as an escalation sends it, each looked at as it arrives:
        // the server lists messages by mailbox, not by arrival, so a keeper counting positions in
        // that list writes one person's message twice and never writes another's.
        List<String> sent = List.of("1 to bob", "2 to alice", "3 to bob", "4 to alice", "5 to alice", "6 to bob",
                "7 to alice");
        for (int i = 0; i < sent.size(); i++) {
            String subject = sent.get(i);
            String to = subject.substring(subject.indexOf("to ") + 3) + "@example.com";
            GreenMailUtil.sendTextEmail(to, "tocsin@localhost", subject, "body of " + subject,
                    new ServerSetup(smtp.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.awaitMessages(i + 1, Duration.ofSeconds(10));
            folder.keepNew();
        }
        assertEquals(sent, subjects());
        // Nothing new arrived: nothing more is written.
        assertEquals(0, folder.keepNew());
        assertEquals(sent.size(), subjects().size());
    }

    @Test
    void messagesThatArriveBetweenTwoLooksAreNumberedInTheOrderTheyArrived() throws IOException {
        MailFolder folder = new MailFolder(smtp, dir);
        // The local stack looks every 300 ms; an escalation can email two people within that time.
        List<String> sent = List.of("1 to bob", "2 to alice", "3 to bob");
        for (int i = 0; i < sent.size(); i++) {
            String subject = sent.get(i);
            String to = subject.substring(subject.indexOf("to ") + 3) + "@example.com";
            GreenMailUtil.sendTextEmail(to, "tocsin@localhost", subject, "body of " + subject,
                    new ServerSetup(smtp.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.awaitMessages(i + 1, Duration.ofSeconds(10));
        }
        assertEquals(3, folder.keepNew());
        assertEquals(sent, subjects());
    }

    /** The subject of each file, in file-name order (the order a reader lists the folder in). */
    private List<String> subjects() throws IOException {
        List<String> subjects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                subjects.add(Files.readAllLines(file).stream().filter(l -> l.startsWith("Subject: ")).findFirst()
                        .orElseThrow().substring("Subject: ".length()));
            }
        }
        return subjects;
    }
}

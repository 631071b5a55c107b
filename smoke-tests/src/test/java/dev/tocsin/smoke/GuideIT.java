package dev.tocsin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The on-call guide (docs/oncall-guide.md) as a team would follow it: every {@code sh} block,
 * in order, as one bash script against the real packaged services, so an example that no longer
 * matches the API fails here. The guide's alert pages Bob, who is then emailed.
 */
class GuideIT {

    private static final Pattern SH_BLOCK = Pattern.compile("(?m)^```sh\\n(.*?)^```$", Pattern.DOTALL);
    private static Stack stack;

    @BeforeAll
    static void start() throws IOException {
        stack = new Stack();
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyExampleOfTheGuideRunsAsWritten() throws Exception {
        Path root = Path.of(System.getProperty("tocsin.root", ".."));
        String guide = Files.readString(root.resolve("docs/oncall-guide.md"));
        Path work = Files.createTempDirectory("guide");
        // ./tocsin runs from the checkout, pointed at this stack and its admin token.
        StringBuilder script = new StringBuilder("set -euo pipefail\n")
                .append("cd '").append(root.toAbsolutePath().normalize()).append("'\n")
                .append("export WORK='").append(work).append("' TOCSIN_TOKEN=").append(stack.adminToken)
                .append(" TOCSIN_ESCALATION_SERVICE_URL=").append(stack.url("escalation-service"))
                .append(" TOCSIN_ALERT_INGEST_URL=").append(stack.url("alert-ingest"))
                .append(" TOCSIN_NOTIFIER_SERVICE_URL=").append(stack.url("notifier-service")).append('\n')
                .append("export INGEST=").append(stack.url("alert-ingest"))
                .append(" ESCALATION=").append(stack.url("escalation-service"))
                .append(" INCIDENT=").append(stack.url("incident-service"))
                .append(" NOTIFIER=").append(stack.url("notifier-service"))
                .append(" ADMIN=").append(stack.adminToken).append('\n');
        Matcher blocks = SH_BLOCK.matcher(guide);
        int count = 0;
        while (blocks.find()) {
            count++;
            int line = guide.substring(0, blocks.start()).split("\n", -1).length;
            script.append("echo '--- docs/oncall-guide.md, the block at line ").append(line).append("' >&2\n")
                    .append(blocks.group(1));
        }
        assertTrue(count >= 10, "the guide's sh blocks were found: " + count);

        Path file = Files.createTempFile("guide", ".sh");
        Path log = Files.createTempFile("guide", ".log");
        Files.writeString(file, script);
        // Its output goes to a file, so a script that hangs is stopped at the bound instead of blocking a read.
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = bash.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            bash.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the guide did not end within 5 minutes:\n" + output);
        assertEquals(0, bash.exitValue(), "the guide failed:\n" + output);

        // Bob, covering the shift, was paged by email, then drilled; later, following the service, he got
        // Alice's update.
        Awaitility.await("the guide's page emailed to bob").atMost(Duration.ofSeconds(60))
                .until(() -> toBob("[Tocsin] CRITICAL payments-api: Payment errors above 2%").size() == 1);
        stack.claim(toBob("[Tocsin] CRITICAL payments-api: Payment errors above 2%"));
        Awaitility.await("the drill emailed to bob").atMost(Duration.ofSeconds(60))
                .until(() -> toBob("DRILL: can we still reach whoever is on call?").size() == 1);
        stack.claim(toBob("DRILL: can we still reach whoever is on call?"));
        Awaitility.await("the incident's update emailed to bob").atMost(Duration.ofSeconds(60))
                .until(() -> toBob("Update on incident \"Payment errors above 2%\"").size() == 1);
        stack.claim(toBob("Update on incident \"Payment errors above 2%\""));
    }

    private static List<MimeMessage> toBob(String subject) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : stack.smtp.receivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals("bob@example.com")
                    && message.getSubject().contains(subject)) {
                found.add(message);
            }
        }
        return found;
    }
}

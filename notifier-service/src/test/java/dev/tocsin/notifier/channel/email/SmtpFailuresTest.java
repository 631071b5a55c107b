package dev.tocsin.notifier.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.notifier.channel.SendOutcome;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmtpFailuresTest {

    static SMTPException reply(int code, String line) {
        return new SMTPException("sending failed", code, List.of(line), true);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // The relay is down or restarting: it may be back for the next attempt.
                Arguments.of(new ConnectException("Connection refused"),
                        SendOutcome.recoverable("SMTP relay unreachable: Connection refused")),
                // 4xx means "try again later" in SMTP itself (greylisting, mailbox busy).
                Arguments.of(reply(451, "451 4.3.0 try again later"),
                        SendOutcome.recoverable("SMTP relay answered: 451 4.3.0 try again later")),
                // 5xx for a recipient will be the same answer next time: give up and say so.
                Arguments.of(reply(550, "550 5.1.1 no such user"),
                        SendOutcome.permanent("SMTP relay answered: 550 5.1.1 no such user")),
                // Found however deeply the client wrapped it.
                Arguments.of(new CompletionException(reply(554, "554 5.7.1 relay denied")),
                        SendOutcome.permanent("SMTP relay answered: 554 5.7.1 relay denied")),
                // A relay that never answers is treated like one that is down.
                Arguments.of(new io.smallrye.mutiny.TimeoutException(),
                        SendOutcome.recoverable("SMTP relay did not answer in time")));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classify(Throwable failure, SendOutcome expected) {
        assertEquals(expected, SmtpFailures.classify(failure));
    }
}

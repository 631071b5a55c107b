package dev.tocsin.notifier.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.notifier.action.PageAction;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsReplyTest {

    @ParameterizedTest
    @CsvSource({"12a,12,ACKNOWLEDGE", "12 A,12,ACKNOWLEDGE", "ack 12,12,ACKNOWLEDGE", "ACK12.,12,ACKNOWLEDGE",
            "7c,7,RESOLVE", "res 7,7,RESOLVE", "99e,99,ESCALATE", "esc 3,3,ESCALATE", "'  4a  ',4,ACKNOWLEDGE"})
    void readsEveryFormOfAReply(String body, int code, PageAction action) {
        assertEquals(Optional.of(new SmsReply(code, action)), SmsReply.parse(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ack", "12", "12x", "0a", "100a", "a12", "yes", "12a please", "ack 12 13", "ackack 1"})
    void anythingElseIsNoReply(String body) {
        assertEquals(Optional.empty(), SmsReply.parse(body));
    }
}

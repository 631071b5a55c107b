package dev.tocsin.notifier.reply;

import dev.tocsin.notifier.action.PageAction;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person's SMS reply asks: {@code 12a} or {@code ack 12} acknowledges their page 12,
 * {@code 12c} or {@code res 12} resolves it, {@code 12e} or {@code esc 12} escalates it. Case,
 * spaces around the words and a trailing full stop do not matter; anything else is not a reply
 * Tocsin acts on.
 */
public record SmsReply(int code, PageAction action) {

    private static final Pattern CODE_FIRST = Pattern.compile("(\\d{1,2})\\s*([ace])");
    private static final Pattern WORD_FIRST = Pattern.compile("(ack|res|esc)\\s*(\\d{1,2})");

    /** How to answer, as the help text and every message say it. */
    public static String howTo(int code) {
        return "Reply " + code + "a to acknowledge, " + code + "c to resolve, " + code + "e to escalate.";
    }

    public static Optional<SmsReply> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String text = body.strip().toLowerCase(Locale.ROOT);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        Matcher codeFirst = CODE_FIRST.matcher(text);
        if (codeFirst.matches()) {
            return of(codeFirst.group(1), codeFirst.group(2));
        }
        Matcher wordFirst = WORD_FIRST.matcher(text);
        if (wordFirst.matches()) {
            return of(wordFirst.group(2), wordFirst.group(1).substring(0, 1).replace('r', 'c'));
        }
        return Optional.empty();
    }

    private static Optional<SmsReply> of(String code, String letter) {
        int number = Integer.parseInt(code);
        if (number < 1 || number > ReplyCodes.MAX) {
            return Optional.empty();
        }
        PageAction action = switch (letter) {
            case "a" -> PageAction.ACKNOWLEDGE;
            case "c" -> PageAction.RESOLVE;
            default -> PageAction.ESCALATE;
        };
        return Optional.of(new SmsReply(number, action));
    }
}

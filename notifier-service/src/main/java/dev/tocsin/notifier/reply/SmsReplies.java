package dev.tocsin.notifier.reply;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.action.PageActions;
import dev.tocsin.notifier.contact.ContactMethod;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What an SMS a person sent back does, whichever provider brought it (its webhook checked the
 * provider's signature first): the sender's number names the person (their SMS contact method),
 * their reply code the page, and the reply becomes a command in their name ({@code via sms}).
 * Returns the text to answer with: what was done, or how to reply.
 */
@ApplicationScoped
public class SmsReplies {

    static final String VIA = "sms";

    private final ReplyCodes codes;
    private final PageActions actions;

    SmsReplies(ReplyCodes codes, PageActions actions) {
        this.codes = codes;
        this.actions = actions;
    }

    public Uni<String> answer(String from, String body) {
        Optional<SmsReply> reply = SmsReply.parse(body);
        return ContactMethod.peopleAt(Channel.SMS, from)
                .chain(people -> {
                    if (people.size() != 1) {
                        // Nobody's, or shared by several people: acting in someone's name would be a guess.
                        return Uni.createFrom().item(people.isEmpty()
                                ? "Tocsin does not know this number. Use the links in the email or the app."
                                : "Several people share this number in Tocsin, so replies cannot tell who acts. "
                                        + "Use the links in the email or the app.");
                    }
                    return reply.isEmpty() ? Uni.createFrom().item(help()) : act(people.get(0), reply.get());
                });
    }

    private Uni<String> act(String person, SmsReply reply) {
        return codes.page(person, reply.code()).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item("No page of yours has code " + reply.code() + ". " + help());
            }
            return actions.send(reply.action(), page.get().pageId(), page.get().alertId(), person, VIA)
                    .map(ignored -> reply.action().label() + " sent for page " + page.get().pageId() + ".");
        });
    }

    private static String help() {
        return "Tocsin: each page's SMS gives its code, e.g. 12. " + SmsReply.howTo(12)
                + " Also: ack 12, res 12, esc 12.";
    }
}

package dev.tocsin.notifier.action;

import java.util.Arrays;
import java.util.Optional;

/** What a signed link does to its page. */
public enum PageAction {
    ACKNOWLEDGE("acknowledge", "Acknowledge", "Acknowledged: the escalation stops, nobody further is notified."),
    RESOLVE("resolve", "Resolve", "Resolved: the page is closed."),
    ESCALATE("escalate", "Escalate", "Escalated: the next step of the escalation policy is notified now.");

    private final String word;
    private final String label;
    private final String done;

    PageAction(String word, String label, String done) {
        this.word = word;
        this.label = label;
        this.done = done;
    }

    /** As the link's payload names it. */
    public String word() {
        return word;
    }

    /** As a button or a line of a message shows it. */
    public String label() {
        return label;
    }

    /** What the person is told once it is done. */
    public String done() {
        return done;
    }

    static Optional<PageAction> of(String word) {
        return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
    }
}

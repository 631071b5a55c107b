package dev.tocsin.escalation.page;

/**
 * A command the page cannot carry out in its state (acknowledging a resolved page, snoozing one
 * nobody was paged for): nothing was recorded. The message is in the API's words, for a 409.
 */
public class PageRefused extends RuntimeException {

    private final Page.Status status;

    public PageRefused(Page.Status status, String message) {
        super(message);
        this.status = status;
    }

    public Page.Status status() {
        return status;
    }
}

package dev.tocsin.notifier.channel;

/**
 * What a provider answered to one attempt. A channel classifies its provider's failures; the
 * retry decision is made elsewhere, once for every channel.
 */
public sealed interface SendOutcome {

    /** The provider accepted the message. */
    record Sent() implements SendOutcome {
    }

    /**
     * The provider did not take the message.
     *
     * @param recoverable true when trying again later may work (relay down, 4xx), false when it
     *     cannot (5xx: the recipient does not exist, the relay refuses us)
     */
    record Failed(String error, boolean recoverable) implements SendOutcome {
    }

    static SendOutcome sent() {
        return new Sent();
    }

    static SendOutcome recoverable(String error) {
        return new Failed(error, true);
    }

    static SendOutcome permanent(String error) {
        return new Failed(error, false);
    }
}

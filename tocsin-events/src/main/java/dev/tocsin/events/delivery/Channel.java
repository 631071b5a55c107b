package dev.tocsin.events.delivery;

/** The ways Tocsin reaches a person. */
public enum Channel {
    EMAIL,
    SMS,
    VOICE,
    PUSH
}

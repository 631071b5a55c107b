package dev.tocsin.events.delivery;

/** The ways Tocsin reaches a person. */
public enum Channel {
    EMAIL,
    SMS,
    VOICE,
    PUSH,
    /** A Slack message from Tocsin's bot, to a person (a member id) or a channel. */
    SLACK,
    /** A Microsoft Teams channel, through an incoming webhook (a Workflows URL). */
    TEAMS,
    /** A Mattermost channel, through an incoming webhook. */
    MATTERMOST
}

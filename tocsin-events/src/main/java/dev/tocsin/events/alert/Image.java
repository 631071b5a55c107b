package dev.tocsin.events.alert;

/** An image a monitoring system attached to an alert (a graph); {@code href} and {@code alt} may be null. */
public record Image(String src, String href, String alt) {
}

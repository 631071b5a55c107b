package dev.tocsin.events.directory;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whom a token speaks for: a person of the directory, or a named tool (a CI job, a bot). */
public record TokenSubject(Kind kind, String id) {

    public enum Kind {
        @JsonProperty("person") PERSON,
        @JsonProperty("tool") TOOL
    }
}

package dev.righttime.model;

import java.time.Instant;

/** A held response handed to a person: to whom, by whom, when. */
public record Assignment(String to, String by, Instant at) {
}

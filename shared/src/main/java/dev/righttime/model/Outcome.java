package dev.righttime.model;

/** What the engine decided for one signal (and, for fan-out, one recipient and channel). */
public enum Outcome {
    SEND_NOW, SCHEDULE, HOLD, SUPPRESS, CANCEL, UPDATE, DUPLICATE
}

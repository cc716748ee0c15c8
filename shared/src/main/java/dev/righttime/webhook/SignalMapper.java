package dev.righttime.webhook;

/**
 * Turns one provider's verified payload into canonical signals. Mappers are pure (no I/O) and
 * throw {@link WebhookException} with {@link Failure#UNMAPPABLE} when a payload of a mapped event
 * lacks what the signal needs.
 */
public interface SignalMapper {

    Mapped map(Delivery delivery);
}

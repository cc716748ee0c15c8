package dev.righttime.port;

import dev.righttime.model.Signal;

/**
 * Where a signal produced inside Right Time goes to be decided like any webhook's (an unsubscribe,
 * a bounce, an SMS STOP become consent.changed): the signals queue in Lambda, the local queue in
 * {@code serve}, or straight to the decide step where that runs in the same process. Throws if the
 * signal was not durably taken, so the caller answers an error and the sender retries.
 */
public interface SignalSink {

    void submit(Signal signal);
}

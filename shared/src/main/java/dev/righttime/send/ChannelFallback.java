package dev.righttime.send;

import dev.righttime.model.Response;
import java.util.Optional;

/** After a permanent failure: the response made for the next allowed channel, already queued; empty if none. */
public interface ChannelFallback {

    Optional<Response> next(Response failed, String code);
}

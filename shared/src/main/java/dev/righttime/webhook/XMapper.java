package dev.righttime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * X Account Activity deliveries. Each tweet of {@code tweet_create_events} not written by the
 * subscribed account itself ({@code for_user_id}) is one {@code social.mention}, id {@code x:<tweet id>};
 * its author is {@code "x:<user id>"} with the handle (the id survives a change of handle).
 * Other activity ({@code favorite_events}, {@code follow_events}, ...) is ignored.
 */
public final class XMapper implements SignalMapper {

    static final String TWEETS = "tweet_create_events";
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    private static final Set<String> SENTIMENTS = Set.of("negative", "neutral", "positive", "unknown");

    @Override
    public Mapped map(Delivery d) {
        JsonNode body = d.body();
        JsonNode tweets = body.path(TWEETS);
        SignalType type = d.events().get(TWEETS);
        if (!tweets.isArray() || type == null) {
            return new Mapped.Ignored(activityName(body));
        }
        String self = Fields.text(body, "for_user_id");
        List<Signal> signals = new ArrayList<>(tweets.size());
        for (JsonNode tweet : tweets) {
            String author = Fields.text(tweet, "user.id_str");
            if (self != null && self.equals(author)) {
                continue;
            }
            signals.add(mention(d, type, tweet, self));
        }
        return signals.isEmpty() ? new Mapped.Ignored(TWEETS) : new Mapped.Signals(signals);
    }

    private static Signal mention(Delivery d, SignalType type, JsonNode tweet, String self) {
        String id = Fields.requireText(tweet, "id_str");
        String handle = Fields.requireText(tweet, "user.screen_name");
        Map<String, Object> a = new LinkedHashMap<>();
        String sentiment = Fields.text(tweet, "sentiment");
        a.put("sentiment", sentiment != null && SENTIMENTS.contains(sentiment) ? sentiment : "unknown");
        a.put("followers", Fields.at(tweet, "user.followers_count").asLong(0));
        Fields.putIfPresent(a, "text", Fields.firstText(tweet, "extended_tweet.full_text", "full_text", "text"));
        a.put("url", "https://x.com/" + handle + "/status/" + id);
        // Loop guards for the playbook: a retweet, or a quote of one of the brand's replies, is an
        // echo of the brand, never answered. The conversation scopes "one automatic reply per author".
        if (tweet.hasNonNull("retweeted_status")) {
            a.put("retweet", true);
        }
        JsonNode quoted = tweet.path("quoted_status");
        if (self != null && self.equals(Fields.text(quoted, "user.id_str")) && Fields.text(quoted, "in_reply_to_status_id_str") != null) {
            a.put("quotesBrandReply", true);
        }
        Fields.putIfPresent(a, "conversationId", Fields.firstText(tweet, "conversation_id_str", "conversation_id"));
        return new Signal(d.signalId(id), d.source(), type, occurredAt(tweet),
                new CustomerRef(authorId(tweet), null, null, "@" + handle), a);
    }

    private static String authorId(JsonNode tweet) {
        String id = Fields.firstText(tweet, "user.id_str", "user.id");
        return id == null ? null : "x:" + id;
    }

    private static Instant occurredAt(JsonNode tweet) {
        String ms = Fields.text(tweet, "timestamp_ms");
        if (ms != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(ms));
            } catch (NumberFormatException e) {
                throw Fields.unmappable("timestamp_ms is not a number");
            }
        }
        try {
            return ZonedDateTime.parse(Fields.requireText(tweet, "created_at"), CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            throw Fields.unmappable("created_at is not a tweet timestamp");
        }
    }

    /** The first {@code *_events} key of the delivery, as the name of the activity we ignore; 400 without one. */
    private static String activityName(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.endsWith("_events")) {
                return name;
            }
        }
        throw Fields.unmappable("an X activity delivery needs a *_events field");
    }
}

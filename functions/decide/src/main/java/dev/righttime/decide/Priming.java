package dev.righttime.decide;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.righttime.aws.SdkPriming;
import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Decision;
import dev.righttime.model.Json;
import dev.righttime.model.Response;
import dev.righttime.model.ResponseIds;
import dev.righttime.model.Signal;
import dev.righttime.policy.DecisionEngine;
import dev.righttime.policy.InMemoryHistory;
import dev.righttime.policy.Playbook;
import dev.righttime.policy.Subject;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** What the SnapStart hook runs: parse, decide, record and the SDK requests, with nothing real behind them. */
final class Priming {

    private static final List<String> SIGNALS = List.of(
            "{\"signalId\":\"priming:1\",\"source\":\"priming\",\"type\":\"commerce.cart_abandoned\","
                    + "\"occurredAt\":\"2026-01-01T10:00:00Z\",\"customerRef\":{\"customerId\":\"priming\"},\"attributes\":{}}",
            "{\"signalId\":\"priming:2\",\"source\":\"priming\",\"type\":\"support.ticket_opened\","
                    + "\"occurredAt\":\"2026-01-01T10:00:00Z\",\"customerRef\":{\"customerId\":\"priming\"},\"attributes\":{\"channel\":\"email\"}}",
            "{\"signalId\":\"priming:3\",\"source\":\"priming\",\"type\":\"social.mention\",\"occurredAt\":\"2026-01-01T10:00:00Z\","
                    + "\"customerRef\":{\"x\":\"@priming\"},\"attributes\":{\"sentiment\":\"negative\",\"followers\":50000}}");

    private Priming() {
    }

    /** Returns the decision records it wrote (for the test). */
    static List<String> run() {
        DecisionEngine engine = new DecisionEngine(Playbook.defaults());
        CustomerProfile profile = new CustomerProfile("priming", ZoneId.of("Europe/Berlin"), null, new Consent(true, true, true),
                new Addresses("priming@example.invalid", null, null), List.of(), Channel.EMAIL, null);
        InMemoryHistory history = new InMemoryHistory();
        List<String> records = new ArrayList<>();
        try {
            for (String json : SIGNALS) {
                Signal signal = Json.mapper().readValue(json, Signal.class);
                Instant now = signal.occurredAt();
                List<Decision> decisions = engine.decide(signal, Subject.customer(profile), history, now);
                history.record(signal, decisions);
                for (Decision d : decisions) {
                    records.add(Json.mapper().writeValueAsString(d));
                    Response r = Response.of(d, signal, now);
                    records.add(Json.mapper().writeValueAsString(r));
                    String id = ResponseIds.of(d);
                    PutItemRequest.builder().tableName("priming").item(Map.of("responseId", AttributeValue.fromS(id)))
                            .conditionExpression("attribute_not_exists(responseId)").build();
                    SendMessageRequest.builder().queueUrl("http://priming.invalid/q").messageBody(id).build();
                    CreateScheduleRequest.builder().name(id).scheduleExpression("at(2026-01-01T11:00:00)").build();
                }
                PutEventsRequest.builder().entries(PutEventsRequestEntry.builder().source("righttime").detailType("decision")
                        .detail(records.get(0)).build()).build();
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /**
     * The SDK's request path of the calls this function makes (DynamoDB, SQS, Scheduler and
     * EventBridge), on throwaway clients answered in memory ({@link SdkPriming}); returns the
     * requests answered. Never fails the snapshot: if it stops working, the first request after a
     * restore is slower, nothing else ({@link SdkPriming#quietly}).
     */
    static int sdk() {
        return SdkPriming.quietly(SdkPriming::dynamoDb, SdkPriming::sqs, SdkPriming::scheduler, SdkPriming::eventBridge);
    }
}

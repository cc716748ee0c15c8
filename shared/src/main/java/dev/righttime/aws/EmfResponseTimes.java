package dev.righttime.aws;

import dev.righttime.model.Channel;
import dev.righttime.model.SignalType;
import dev.righttime.send.ResponseTimes;
import java.time.Duration;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Time to response as CloudWatch Embedded Metric Format through Powertools' plain metrics API:
 * metric {@code TimeToResponse} (milliseconds), dimensions {@code signalType} and {@code channel},
 * namespace {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code RightTime}). Each send is flushed
 * as its own EMF line, so nothing depends on a handler-level flush.
 */
public final class EmfResponseTimes implements ResponseTimes {

    public static final String METRIC = "TimeToResponse";

    private final Metrics metrics;
    private final String namespace;

    public EmfResponseTimes(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    public static EmfResponseTimes from(Config config) {
        return new EmfResponseTimes(MetricsFactory.getMetricsInstance(), config.optional("POWERTOOLS_METRICS_NAMESPACE", "RightTime"));
    }

    @Override
    public void record(SignalType signalType, Channel channel, Duration elapsed) {
        metrics.flushSingleMetric(METRIC, elapsed.toMillis(), MetricUnit.MILLISECONDS, namespace,
                DimensionSet.of("signalType", signalType.wire(), "channel", channel.wire()));
    }
}

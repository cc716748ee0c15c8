package dev.righttime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The billing arithmetic of {@link CostMeter} and {@link CostReport}, without moto. */
class CostReportUnitsTest {

    @Test
    void itemSizesAreNamesPlusValuesAsDynamoDbCountsThem() {
        assertThat(CostMeter.size(Map.of("id", AttributeValue.fromS("abc")))).isEqualTo(5);
        // a number: about one byte per two significant digits, plus one
        assertThat(CostMeter.size(Map.of("n", AttributeValue.fromN("123456")))).isEqualTo(1 + 4);
        assertThat(CostMeter.size(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab")))))).isEqualTo(1 + 3 + 1 + 2);
        assertThat(CostMeter.size(null)).isZero();
    }

    @Test
    void readsAreFourKilobyteUnitsHalvedWhenEventuallyConsistent() {
        assertThat(CostMeter.readUnits(0, true)).isEqualTo(1.0);
        assertThat(CostMeter.readUnits(4096, true)).isEqualTo(1.0);
        assertThat(CostMeter.readUnits(4097, true)).isEqualTo(2.0);
        assertThat(CostMeter.readUnits(4097, false)).isEqualTo(1.0);
        assertThat(CostMeter.chunks(64 * 1024 + 1, CostMeter.SQS_CHUNK)).isEqualTo(2);
        assertThat(CostMeter.chunks(10, CostMeter.SQS_CHUNK)).isEqualTo(1);
    }

    @Test
    void theReportPricesPerMillionSignalsAndKeepsMessagesApart() {
        Properties prices = new Properties();
        prices.setProperty("DynamoDb.WRU", "0.000000625");
        prices.setProperty("SesV2.email", "0.0001");
        prices.setProperty("message.services", "SesV2");
        List<CostMeter.Charge> charges = List.of(
                new CostMeter.Charge("Decide", "DynamoDb", "PutItem", "WRU", 4),
                new CostMeter.Charge("Decide", "DynamoDb", "PutItem", "call", 4),
                new CostMeter.Charge("SendEmail", "SesV2", "SendEmail", "email", 1),
                new CostMeter.Charge("SendEmail", "Sqs", "SendMessage", "request", 1));
        CostReport report = new CostReport(prices, charges, 2);
        // 4 WRU for 2 signals = 2 M WRU per million signals = $1.25
        assertThat(report.platformPerMillion()).isCloseTo(1.25, within(1e-9));
        assertThat(report.messagesPerMillion()).isCloseTo(50.0, within(1e-9));
        assertThat(report.unpriced()).containsExactly("Sqs.request");
        assertThat(report.markdown("t", List.of("an assumption"))).contains("| Decide |").contains("- an assumption");
    }
}

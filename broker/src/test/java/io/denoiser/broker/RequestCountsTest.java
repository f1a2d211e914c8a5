package io.denoiser.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.yammer.metrics.core.MetricName;
import org.junit.jupiter.api.Test;

class RequestCountsTest {

    @Test
    void shouldCountEachRequestTypeOnceAndNothingElse() {
        assertThat(RequestCounts.isRequestRate(requestRate("Produce"))).isTrue();
        assertThat(RequestCounts.isRequestRate(requestRate("Fetch"))).isTrue();
        // Kafka marks every fetch a second time under one of these
        assertThat(RequestCounts.isRequestRate(requestRate("FetchConsumer"))).isFalse();
        assertThat(RequestCounts.isRequestRate(requestRate("FetchFollower"))).isFalse();
        assertThat(RequestCounts.isRequestRate(new MetricName(
                        "kafka.network",
                        "RequestMetrics",
                        "DeprecatedRequestsPerSec",
                        null,
                        "kafka.network:type=RequestMetrics,name=DeprecatedRequestsPerSec,request=Produce,version=3")))
                .isFalse();
        assertThat(RequestCounts.isRequestRate(new MetricName(
                        "kafka.server",
                        "BrokerTopicMetrics",
                        "MessagesInPerSec",
                        null,
                        "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec")))
                .isFalse();
    }

    private static MetricName requestRate(String request) {
        return new MetricName(
                "kafka.network",
                "RequestMetrics",
                "RequestsPerSec",
                "request." + request + ".version.12",
                "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + request + ",version=12");
    }
}

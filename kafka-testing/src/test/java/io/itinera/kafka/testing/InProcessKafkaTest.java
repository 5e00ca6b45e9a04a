package io.itinera.kafka.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InProcessKafkaTest {

    private static InProcessKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = InProcessKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aReadCommittedConsumerSeesCommittedTransactionsAndNotAbortedOnes() {
        kafka.createTopic("tx", 2);
        try (KafkaProducer<String, String> producer = kafka.transactionalProducer("tx-test")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "a", "committed-1"));
            producer.send(new ProducerRecord<>("tx", 1, "b", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "a", "aborted-1"));
            producer.send(new ProducerRecord<>("tx", 1, "b", "aborted-2"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx", 0, "a", "committed-3"));
            producer.commitTransaction();
        }

        assertEquals(List.of("committed-1", "committed-3", "committed-2"), kafka.readCommittedValues("tx"));

        // The aborted records are in the log: a read_uncommitted consumer sees them.
        List<String> uncommitted = kafka.readAll("tx", IsolationLevel.READ_UNCOMMITTED, Duration.ofMillis(100))
                .stream().map(ConsumerRecord::value).collect(Collectors.toList());
        assertEquals(List.of("committed-1", "aborted-1", "committed-3", "committed-2", "aborted-2"), uncommitted);
    }

    @Test
    void plainRecordsArriveInOrderPerPartition() {
        kafka.createTopic("plain", 1);
        kafka.sendValues("plain", 0, List.of("one", "two", "three"));
        assertEquals(List.of("one", "two", "three"), kafka.readCommittedValues("plain"));
    }
}

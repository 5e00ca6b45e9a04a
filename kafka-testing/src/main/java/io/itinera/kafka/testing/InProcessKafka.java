package io.itinera.kafka.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft Kafka cluster in this JVM (controller and broker combined), with transactions
 * working, plus the topic, producer and consumer helpers tests need. Start one per test class:
 * it takes a few seconds.
 *
 * <pre>
 * try (InProcessKafka kafka = InProcessKafka.start()) {
 *     kafka.createTopic("events", 2);
 *     kafka.send("events", "c1", "{...}");
 *     List&lt;ConsumerRecord&lt;String, String&gt;&gt; seen = kafka.readCommitted("events");
 * }
 * </pre>
 */
public final class InProcessKafka implements AutoCloseable {

    /** How long {@link #readCommitted(String)} waits for more records once it has reached the end. */
    public static final Duration DEFAULT_IDLE = Duration.ofMillis(300);
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(clientProperties());
    }

    /** Formats and starts the cluster and waits until its broker takes requests. */
    public static InProcessKafka start() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    // One broker: every internal topic must live with one replica, or transactions never start.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("default.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InProcessKafka(cluster);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException("could not start the in-process Kafka cluster", e);
        }
    }

    /** host:port of the broker, for {@code bootstrap.servers} or {@code itinera run --kafka}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** A fresh copy of the properties every client needs to reach this cluster. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.putAll(cluster.clientProperties());
        return properties;
    }

    /** Creates the topics with the given partition count (one replica each) and waits until they exist. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(name), partitions);
    }

    public void createTopics(Collection<String> names, int partitions) {
        createTopics(names, partitions, Map.of());
    }

    /**
     * Creates topics with topic configs, for example {@code retention.ms=-1}. The broker keeps
     * Kafka's default retention of 7 days, and time retention goes by record timestamps: records
     * stamped with old event times (a replayed log) are deleted within minutes unless the topic
     * says otherwise.
     */
    public void createTopics(Collection<String> names, int partitions, Map<String, String> configs) {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
                .collect(Collectors.toList());
        await(admin.createTopics(topics).all(), "create topics " + names);
    }

    /** An idempotent producer of string keys and values, with acks=all. Close it when done. */
    public KafkaProducer<String, String> producer() {
        Properties properties = clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** A transactional producer with {@code initTransactions()} already called. Close it when done. */
    public KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        Properties properties = clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        sendAll(topic, List.of(new ProducerRecord<>(topic, key, value)));
    }

    /** Sends the records in order through one producer and waits until all are acknowledged. */
    public void sendAll(String topic, List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Sends each value as a record without a key, all to the given partition, in order. */
    public void sendValues(String topic, int partition, List<String> values) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(values.size());
        for (String value : values) {
            records.add(new ProducerRecord<>(topic, partition, null, value));
        }
        sendAll(topic, records);
    }

    /**
     * A consumer of string keys and values, with no group offsets committed automatically and
     * reading from the earliest offset. {@code groupId} may be null for a consumer that only assigns.
     */
    public KafkaConsumer<String, String> consumer(String groupId, IsolationLevel isolation) {
        Properties properties = clientProperties();
        if (groupId != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /** Every committed record of the topic (read_committed), all partitions, until idle. */
    public List<ConsumerRecord<String, String>> readCommitted(String topic) {
        return readAll(topic, IsolationLevel.READ_COMMITTED, DEFAULT_IDLE);
    }

    /** The values of {@link #readCommitted(String)}, in partition then offset order. */
    public List<String> readCommittedValues(String topic) {
        return readCommitted(topic).stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    /**
     * Every record of the topic from the beginning of all its partitions, in partition then
     * offset order. Returns once the consumer has reached the end of every partition (for
     * read_committed, the last stable offset) and nothing more arrived for {@code idle}.
     */
    public List<ConsumerRecord<String, String>> readAll(String topic, IsolationLevel isolation, Duration idle) {
        try (KafkaConsumer<String, String> consumer = consumer(null, isolation)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            long lastProgress = System.nanoTime();
            while (true) {
                var batch = consumer.poll(Duration.ofMillis(50));
                batch.forEach(records::add);
                long now = System.nanoTime();
                if (!batch.isEmpty()) {
                    lastProgress = now;
                } else if (now - lastProgress >= idle.toNanos() && reachedEnd(consumer, partitions)) {
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("reading topic " + topic + " did not reach its end within " + READ_LIMIT);
                }
            }
            records.sort((a, b) -> a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            // The cluster's files are temporary; a failed shutdown must not hide the test's own result.
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not " + what, e);
        }
    }
}

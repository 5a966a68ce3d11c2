"""Feeds the movielog topic into the model, on a background thread.

The web server never waits for Kafka: requests read the in-memory model, and this thread takes
the model's lock only while it learns from one small batch of lines.
"""
import threading
import uuid

from confluent_kafka import Consumer, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic


def ensure_topic(brokers: str, topic: str) -> None:
    """A service often starts before the simulator publishes anything, and subscribing to a topic
    that does not exist yet fails; create it when absent. In the course it exists: this only looks."""
    admin = AdminClient({"bootstrap.servers": brokers})
    if topic in admin.list_topics(timeout=10).topics:
        return
    for future in admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)]).values():
        try:
            future.result(timeout=30)
        except KafkaException as error:
            if "TOPIC_ALREADY_EXISTS" not in str(error):
                raise


class StreamConsumer(threading.Thread):
    def __init__(self, model, brokers: str, topic: str, from_beginning: bool = True, batch: int = 500):
        super().__init__(name="movielog-consumer", daemon=True)
        self.model = model
        self.topic = topic
        self.batch = batch
        self.assigned = threading.Event()  # set once we read the topic's partitions
        self.stopping = threading.Event()
        self.errors = 0
        ensure_topic(brokers, topic)
        self.consumer = Consumer(
            {
                "bootstrap.servers": brokers,
                # The model lives in memory, so every start rebuilds it: a fresh group reads the
                # topic from its start (Kafka keeps it), or from now on with from_beginning=False.
                "group.id": f"recommender-python-{uuid.uuid4()}",
                "auto.offset.reset": "earliest" if from_beginning else "latest",
                "enable.auto.commit": False,
                # A checkpointed prodsim run publishes in transactions: what a crashed run sent
                # after its last commit is aborted (and sent again on --resume). librdkafka's
                # default, spelled out because consumers must not read uncommitted events.
                "isolation.level": "read_committed",
            }
        )

    def run(self) -> None:
        self.consumer.subscribe([self.topic], on_assign=lambda _consumer, _partitions: self.assigned.set())
        try:
            while not self.stopping.is_set():
                messages = self.consumer.consume(num_messages=self.batch, timeout=0.2)
                if not messages:
                    continue
                with self.model.lock:
                    for message in messages:
                        if message.error():
                            self.errors += 1
                            continue
                        # A message without a value is no line either: the model counts it as malformed.
                        value = message.value() or b""
                        try:
                            self.model.handle_line(value.decode("utf-8", errors="replace"))
                        except Exception:  # a bug in the model must not stop the stream thread
                            self.errors += 1
        finally:
            self.consumer.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)

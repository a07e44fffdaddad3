package io.recstream.adapter.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Commands are processed side by side but committed in order: a partition's offset moves only past commands that are
 * all done, so a crash redelivers every command that was not finished, whatever order the downloads ended in.
 * Acknowledging a record commits its partition up to it; here only the last record of the done prefix is acknowledged.
 * <p>
 * Tickets outlive rebalances on purpose: when a partition is given back, its uncommitted commands come again while
 * their originals still run, and finish at once (the originals hold the download locks); committed ahead of the
 * originals, they would leave a crash nothing to redeliver. A partition that moved to another instance may still see
 * a late acknowledgement from here: it only covers commands that were done, so at worst something is redelivered.
 */
final class InOrderAcknowledgements {

    /** One command handed to a worker; {@link #done(Ticket)} once it needs nothing more. */
    static final class Ticket {
        private final Deque<Ticket> partition;
        private final Acknowledgment acknowledgment;
        private boolean done;

        private Ticket(Deque<Ticket> partition, Acknowledgment acknowledgment) {
            this.partition = partition;
            this.acknowledgment = acknowledgment;
        }
    }

    /** Per partition, tickets in the order their records arrived: offset order, as a seek only goes back to uncommitted ones. */
    private final Map<TopicPartition, Deque<Ticket>> pending = new HashMap<>();

    synchronized Ticket register(ConsumerRecord<?, ?> record, Acknowledgment acknowledgment) {
        Deque<Ticket> partition = pending.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                key -> new ArrayDeque<>());
        Ticket ticket = new Ticket(partition, acknowledgment);
        partition.addLast(ticket);
        return ticket;
    }

    /** Under the lock, so that a partition's acknowledgements reach the container in offset order. */
    synchronized void done(Ticket ticket) {
        ticket.done = true;
        Deque<Ticket> partition = ticket.partition;
        Acknowledgment lastOfDonePrefix = null;
        while (!partition.isEmpty() && partition.peekFirst().done) {
            lastOfDonePrefix = partition.pollFirst().acknowledgment;
        }
        if (lastOfDonePrefix != null) {
            lastOfDonePrefix.acknowledge();
        }
    }
}

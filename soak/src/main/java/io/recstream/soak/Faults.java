package io.recstream.soak;

import io.recstream.devkit.KafkaBrokerProcess;
import io.recstream.devkit.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * One fault at a time, each healed before the next: the kinds in a seeded random order, each kind once before any
 * comes again, so that a short run meets them all. Redis is snapshotted after each heal, so that a restart from the
 * snapshot loses what was learnt since (the newest calls), as a failover to a lagging replica does.
 */
final class Faults {

    enum Kind { KILL_INSTANCE, STALL_REDIS, STALL_BROKER, FLUSHALL, OLDER_SNAPSHOT }

    /** A fault's span, from its start until it was healed (an instance answering again, a process let go). */
    record Window(Kind kind, Instant start, Instant healed) {
    }

    private static final String CALL_REGISTRY_GROUP = "recstream-call-registry";

    private final Random random;
    private final KafkaBrokerProcess broker;
    private final LocalRedis redis;
    private final List<Instances.Instance> instances;
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private volatile Instant current;
    private final List<Kind> order = new ArrayList<>();

    Faults(Random random, KafkaBrokerProcess broker, LocalRedis redis, List<Instances.Instance> instances) {
        this.random = random;
        this.broker = broker;
        this.redis = redis;
        this.instances = instances;
    }

    /** One fault, held and healed. */
    Window next() throws Exception {
        if (order.isEmpty()) {
            order.addAll(Arrays.asList(Kind.values()));
            Collections.shuffle(order, random);
        }
        Kind kind = order.removeFirst();
        Instant start = Instant.now();
        current = start;
        String detail = "";
        switch (kind) {
            case KILL_INSTANCE -> {
                Instances.Instance victim = instances.get(random.nextInt(instances.size()));
                victim.kill();
                Thread.sleep(1000 + random.nextInt(2000));
                victim.start();
                victim.awaitHealthy(Duration.ofSeconds(120));
                // Back in the call record's group too: until then its partitions' new calls wait.
                awaitCallRegistryStable();
                detail = victim.name();
            }
            case STALL_REDIS -> detail = stall(redis::pause, redis::resume);
            case STALL_BROKER -> detail = stall(broker::pause, broker::resume);
            case FLUSHALL -> redis.flushAll();
            case OLDER_SNAPSHOT -> {
                redis.stop();
                redis.restart();
            }
        }
        Window window = new Window(kind, start, Instant.now());
        windows.add(window);
        current = null;
        redis.snapshot();
        System.out.printf("[soak] %s %s %s, healed in %d ms%n", start, kind, detail,
                Duration.between(start, window.healed()).toMillis());
        return window;
    }

    /** Until the call record's consumer group is stable with a member of every instance. */
    private void awaitCallRegistryStable() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(CALL_REGISTRY_GROUP)).all()
                        .get().get(CALL_REGISTRY_GROUP);
                if (group.groupState() == GroupState.STABLE && group.members().size() >= instances.size()) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the call registry group did not settle after a restart");
    }

    /** A process frozen (SIGSTOP) for 3 to 8 s, then let go. */
    private String stall(Runnable freeze, Runnable letGo) throws InterruptedException {
        int millis = 3000 + random.nextInt(5000);
        freeze.run();
        try {
            Thread.sleep(millis);
        } finally {
            letGo.run();
        }
        return millis + " ms";
    }

    /** Whether {@code at} is past every fault's heal by {@code grace}, none being under way. */
    boolean healedFor(Duration grace, Instant at) {
        Instant under = current;
        if (under != null) {
            return false;
        }
        return windows.stream().allMatch(window -> window.healed().plus(grace).isBefore(at));
    }

    /**
     * Crashes that began between {@code from} and {@code to}: an instance killed, or Redis's data lost (with the
     * download's lock and status). Each may cost one more download of a recording pending then: the lock only saves
     * work, and publication being create-if-absent keeps the result right.
     */
    long crashesBetween(Instant from, Instant to) {
        return windows.stream().filter(window -> window.kind() == Kind.KILL_INSTANCE || window.kind() == Kind.FLUSHALL
                        || window.kind() == Kind.OLDER_SNAPSHOT)
                .filter(window -> !window.start().isBefore(from) && !window.start().isAfter(to)).count();
    }

    /** The faults under way at some time between {@code from} and {@code to}. */
    List<Window> between(Instant from, Instant to) {
        return windows.stream().filter(window -> !window.healed().isBefore(from) && !window.start().isAfter(to))
                .toList();
    }

    List<Window> windows() {
        return List.copyOf(windows);
    }
}

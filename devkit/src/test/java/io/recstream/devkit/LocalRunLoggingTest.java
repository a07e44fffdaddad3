package io.recstream.devkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's console is for the banner and warnings; the infrastructure's full logs go to a file. */
class LocalRunLoggingTest {

    @TempDir
    Path logs;

    @Test
    void theInfrastructure_warnsOnTheConsole_andLogsEverythingToItsFile() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream realConsole = System.out;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as the context logback starts on its own has
        context.putProperty("recstream.local-run.logs", logs.toString());
        System.setOut(new PrintStream(console, true, UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LocalRunLoggingTest.class.getClassLoader().getResource("local-run-logback.xml"));
            Logger broker = context.getLogger("org.apache.kafka.clients.consumer.ConsumerConfig");
            broker.info("ConsumerConfig values: allow.auto.create.topics = true");
            broker.warn("Connection to node -1 could not be established");
        } finally {
            context.stop();
            System.setOut(realConsole);
        }

        assertThat(console.toString(UTF_8)).contains("Connection to node -1 could not be established")
                .doesNotContain("ConsumerConfig values");
        assertThat(Files.readString(logs.resolve("infrastructure.log")))
                .contains("ConsumerConfig values", "Connection to node -1 could not be established");
    }
}

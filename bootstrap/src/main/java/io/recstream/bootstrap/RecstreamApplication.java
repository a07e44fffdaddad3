package io.recstream.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** recstream: plays Twilio call recordings at once from a cache that Kafka download workers fill. */
@SpringBootApplication(scanBasePackages = "io.recstream")
@EnableScheduling
public class RecstreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecstreamApplication.class, args);
    }
}

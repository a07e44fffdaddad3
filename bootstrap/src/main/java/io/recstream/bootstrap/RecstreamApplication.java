package io.recstream.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** recstream: plays Twilio call recordings at once from a cache that Kafka download workers fill. */
@SpringBootApplication(scanBasePackages = "io.recstream")
public class RecstreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecstreamApplication.class, args);
    }
}

package io.recstream.adapter.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui/index.html): the API, its auth and every problem code. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM = "Problem";

    /** A query string or form that can't be decoded is refused first, on every endpoint. */
    private static final String UNREADABLE = "bad_request";
    private static final String BAD_IDENTIFIERS = "business_id_required, invalid_call_sid, invalid_business_id, "
            + UNREADABLE;

    /** What a play can answer instead of the recording: its waveform's request is decided the same way. */
    private static final Map<String, String> AS_A_PLAY = Map.of(
            "400", BAD_IDENTIFIERS,
            "401", "unauthenticated", "403", "business_forbidden",
            "404", "call_not_found, recording_unavailable", "410", "recording_expired",
            "429", "too_many_requests",
            "503", "provider_unavailable, queue_unavailable, service_unavailable, storage_unavailable");

    /** The problem answers each endpoint can give, by status, with the codes it uses. */
    private static final Map<String, Map<String, String>> PROBLEMS = Map.of(
            "/api/recordings/{callSid}/stream", with(AS_A_PLAY, "416", "range_not_satisfiable"),
            "/api/recordings/{callSid}/peaks", with(AS_A_PLAY, "404",
                    "call_not_found, recording_unavailable, waveform_unavailable"),
            "/api/recordings/{callSid}/status", Map.of(
                    "400", BAD_IDENTIFIERS,
                    "401", "unauthenticated", "403", "business_forbidden", "404", "call_not_found",
                    "503", "service_unavailable, storage_unavailable"),
            // The legacy download waits as a held play does, then serves the file as the stream does.
            "/api/calls/{callSid}/download", with(with(AS_A_PLAY, "416", "range_not_satisfiable"),
                    "504", "recording_not_ready"),
            "/api/calls", Map.of(
                    "400", "business_id_required, invalid_business_id, invalid_direction, invalid_limit, invalid_cursor, "
                            + UNREADABLE,
                    "401", "unauthenticated", "403", "business_forbidden",
                    "503", "service_unavailable, storage_unavailable"),
            "/api/me", Map.of("400", UNREADABLE, "401", "unauthenticated"),
            "/webhooks/twilio/recording-status", Map.of(
                    "400", "business_id_required, invalid_business_id, " + UNREADABLE, "403", "invalid_signature",
                    "415", "unsupported_media_type", "503", "queue_unavailable"));

    private static Map<String, String> with(Map<String, String> problems, String status, String codes) {
        Map<String, String> more = new java.util.HashMap<>(problems);
        more.put(status, codes);
        return Map.copyOf(more);
    }

    @Bean
    OpenAPI recstreamOpenApi() {
        return new OpenAPI()
                .info(new Info().title("recstream").version("1")
                        .description("Plays Twilio call recordings at once: cached with ranges, or 202 while prepared."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT (HS256) with sub, exp and business_ids"))
                        .addSecuritySchemes("cookie", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name(TokenResolver.COOKIE)))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("cookie"));
    }

    private static ObjectSchema problemSchema() {
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details, with recstream's code");
        problem.addProperty("type", new StringSchema());
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        StringSchema code = new StringSchema();
        code.description("What went wrong, for clients to switch on");
        Arrays.stream(ProblemCode.values()).map(ProblemCode::code).forEach(code::addEnumItem);
        problem.addProperty("code", code);
        return problem;
    }

    /** Adds each endpoint's problem answers, and the stream's media answers, which annotations would repeat. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                PROBLEMS.getOrDefault(path, Map.of()).forEach((status, codes) -> operation.getResponses()
                        .addApiResponse(status, new ApiResponse().description("code: " + codes)
                                .content(new Content().addMediaType("application/problem+json", new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
                if (path.endsWith("/stream")) {
                    describeStream(operation);
                }
                if (path.endsWith("/peaks")) {
                    describePeaks(operation);
                }
            }));
        };
    }

    private static void describePeaks(Operation operation) {
        operation.getResponses()
                .addApiResponse("200", new ApiResponse().description("the waveform, in BBC audiowaveform's JSON layout: "
                        + "version 2, channels, sample_rate, samples_per_pixel, bits 8, length (100 to 2000 pixels), "
                        + "data (min, max per pixel and channel, interleaved)")
                        .content(new Content().addMediaType("application/json", new MediaType())))
                .addApiResponse("202", preparing());
    }

    private static ApiResponse preparing() {
        return new ApiResponse()
                .description("not cached yet: being prepared; ask again after Retry-After (Location: the status)")
                .content(new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()
                        .addProperty("status", new StringSchema()._enum(List.of("processing")))
                        .addProperty("callSid", new StringSchema())
                        .addProperty("retryAfterSeconds", new IntegerSchema()))));
    }

    private static void describeStream(Operation operation) {
        Content audio = new Content().addMediaType("audio/mpeg", new MediaType()).addMediaType("audio/wav", new MediaType());
        operation.getResponses()
                .addApiResponse("200", new ApiResponse().description("the recording (Accept-Ranges, ETag, Last-Modified)")
                        .content(audio))
                .addApiResponse("206", new ApiResponse().description("the requested range(s); several as multipart/byteranges")
                        .content(audio))
                .addApiResponse("304", new ApiResponse().description("not modified (If-None-Match / If-Modified-Since)"))
                .addApiResponse("202", preparing());
        for (String header : List.of("Range", "If-Range", "If-None-Match", "If-Modified-Since")) {
            operation.addParametersItem(new HeaderParameter().name(header).required(false).schema(new StringSchema()));
        }
    }
}

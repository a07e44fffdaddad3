package io.recstream.adapter.web;

import io.recstream.application.port.in.KeptWaveformUseCase;
import io.recstream.application.port.in.StreamRecordingUseCase;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/**} request carries an HS256 JWT with {@code sub}, {@code exp} and {@code business_ids}; anything
 * else answers 401 as problem details. Webhooks authenticate by Twilio's signature instead; operations endpoints and
 * the UI's static page are open.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebSecurityConfiguration.class);

    @Bean
    SecurityFilterChain recstreamSecurity(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new TokenResolver())
                        .authenticationEntryPoint(problemEntryPoint)
                        .jwt(jwt -> { }))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problemEntryPoint))
                .headers(headers -> {
                    headers.defaultsDisabled().cacheControl(Customizer.withDefaults());
                    SecurityHeaders.WRITERS.forEach(headers::addHeaderWriter);
                })
                .build();
    }

    /**
     * No observation per security filter per request: measured, they cost more than serving a small range. HTTP server
     * metrics (http.server.requests) and recstream's own meters stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Plain plays and kept waveforms are answered first of all, by the context's first valve, with this
     * configuration's token decoder and MVC's exception handlers (the {@code @RestControllerAdvice}); everything else
     * passes on to the filters. See {@link FastPathValve}. Added before the context starts, so ahead of the authenticator valve
     * that the container adds then. The exception handlers are resolved at their first use: MVC's configuration needs
     * the servlet context, which the web server, customized here, does not have yet.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> fastPathFirst(
            JwtDecoder jwtDecoder, StreamRecordingUseCase plays, KeptWaveformUseCase keptWaveforms,
            StreamMetrics metrics, @Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandlers) {
        FastPathValve fastPath = new FastPathValve(jwtDecoder, plays, keptWaveforms, metrics, exceptionHandlers);
        return factory -> factory.addContextCustomizers(context -> context.getPipeline().addValve(fastPath));
    }

    /** See {@link AbortedAnswers}. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> abortedAnswersCloseTheirConnection() {
        return factory -> factory.addEngineValves(new AbortedAnswers.ClosingValve());
    }

    /**
     * The first filter, behind only the fast path's valve, which takes only requests with nothing to decode: see
     * {@link UnreadableRequestFilter}.
     */
    @Bean
    FilterRegistrationBean<UnreadableRequestFilter> unreadableRequestFilter(JsonMapper jsonMapper) {
        FilterRegistrationBean<UnreadableRequestFilter> registration = new FilterRegistrationBean<>(
                new UnreadableRequestFilter(jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    JwtDecoder jwtDecoder(SecuritySettings settings) {
        return new CachingJwtDecoder(verifyingDecoder(settings), Clock.systemUTC());
    }

    static JwtDecoder verifyingDecoder(SecuritySettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.<OAuth2TokenValidator<Jwt>>of(
                new JwtTimestampValidator(),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<Object>(RecordingRequest.BUSINESS_IDS_CLAIM,
                        ids -> ids instanceof List<?> list && list.stream().allMatch(String.class::isInstance)))));
        return decoder;
    }

    /** What the firewall refuses while the security chain runs (a malformed path, say) is a 400 too, never a 500. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(JsonMapper jsonMapper) {
        return (request, response, rejected) -> {
            log.warn("request rejected by the firewall: a path, header or parameter that is not allowed");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(jsonMapper.writeValueAsBytes(Problems.asMap(ProblemCode.BAD_REQUEST,
                    "The request has a path, header or parameter that is not allowed.", request.getRequestURI())));
        };
    }

    @Bean
    AuthenticationEntryPoint problemEntryPoint(JsonMapper jsonMapper) {
        return (request, response, failure) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(jsonMapper.writeValueAsBytes(Problems.asMap(ProblemCode.UNAUTHENTICATED,
                    "A valid access token is required (Authorization: Bearer, or the access_token cookie).",
                    request.getRequestURI())));
        };
    }
}

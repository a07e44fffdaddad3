package io.recstream.adapter.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP client, pointed at {@code recstream.twilio.base-url} (the SDK builds {@code https://api.twilio.com}
 * itself and has no option for it), with real timeouts, and without the SDK's own blind retries: retrying is the
 * adapter's decision, not the SDK's.
 */
final class BaseUrlHttpClient extends NetworkHttpClient {

    private final URI baseUrl;

    BaseUrlHttpClient(TwilioSettings settings) {
        super(clientBuilder(settings));
        this.baseUrl = settings.baseUrl();
    }

    private static HttpClientBuilder clientBuilder(TwilioSettings settings) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        return HttpClientBuilder.create()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .setMaxConnTotal(32).setMaxConnPerRoute(32)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read).build())
                .useSystemProperties();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(rebased(request));
    }

    private Request rebased(Request original) {
        URI sdkUrl = URI.create(original.getUrl());
        Request rebased = new Request(original.getMethod(), baseUrl + sdkUrl.getRawPath());
        copy(original.getQueryParams(), rebased::addQueryParam);
        copy(original.getPostParams(), rebased::addPostParam);
        copy(original.getHeaderParams(), rebased::addHeaderParam);
        if (original.getAuthStrategy() != null) {
            rebased.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            rebased.setAuth(original.getUsername(), original.getPassword());
        }
        if (original.getContentType() != null) {
            rebased.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            rebased.setBody(original.getBody());
        }
        return rebased;
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> target) {
        params.forEach((name, values) -> values.forEach(value -> target.accept(name, value)));
    }
}

package io.recstream.benchmarks;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import org.reactivestreams.Publisher;

/**
 * The other server the issue names, measured only because the bare servlet stays below the targets: Reactor Netty
 * (no framework) giving the bare servlet's answer, bodies of 48 KiB and more as a zero-copy file region. Started by
 * the suite as its own process: {@code BareNetty <port> <directory>}; files are {@code /<name>}.
 */
public final class BareNetty {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final long ZERO_COPY_MIN_BYTES = 48 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private BareNetty() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[1]);
        HttpServer.create().host("127.0.0.1").port(Integer.parseInt(args[0]))
                .handle((request, response) -> answer(directory, request, response))
                .bindNow().onDispose().block();
    }

    private static Publisher<Void> answer(Path directory, HttpServerRequest request, HttpServerResponse response) {
        try {
            Path file = directory.resolve(request.uri().substring(1));
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long length = attributes.size();
            String etag = '"' + Long.toHexString(length) + '-' + Long.toHexString(attributes.lastModifiedTime().toMillis()) + '"';
            response.header("X-Content-Type-Options", "nosniff").header("X-XSS-Protection", "0")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; "
                            + "frame-ancestors 'none'; form-action 'self'")
                    .header("Referrer-Policy", "no-referrer").header("Accept-Ranges", "bytes").header("ETag", etag)
                    .header("Last-Modified", HTTP_DATE.format(attributes.lastModifiedTime().toInstant()))
                    .header("Cache-Control", "private");
            if (etag.equals(request.requestHeaders().get("If-None-Match"))) {
                return response.status(HttpResponseStatus.NOT_MODIFIED).send();
            }
            long first = 0;
            long last = length - 1;
            String range = request.requestHeaders().get("Range");
            Matcher matcher = range == null ? null : SINGLE_RANGE.matcher(range);
            if (matcher != null && matcher.matches()) {
                first = Long.parseLong(matcher.group(1));
                last = matcher.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(matcher.group(2)));
                response.status(HttpResponseStatus.PARTIAL_CONTENT)
                        .header("Content-Range", "bytes " + first + "-" + last + "/" + length);
            }
            long bodyLength = last - first + 1;
            response.header("Content-Type", "audio/mpeg").header("Content-Length", Long.toString(bodyLength));
            if (bodyLength >= ZERO_COPY_MIN_BYTES) {
                return response.sendFile(file, first, bodyLength);
            }
            ByteBuffer body = ByteBuffer.allocate((int) bodyLength);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (body.hasRemaining() && channel.read(body, first + body.position()) >= 0) {
                    // read until the range is whole
                }
            }
            return response.sendByteArray(Mono.just(body.array()));
        } catch (IOException e) {
            return response.status(HttpResponseStatus.NOT_FOUND).send();
        }
    }
}

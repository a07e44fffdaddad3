package io.recstream.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The servlet stack's own ceiling: embedded Tomcat (the version recstream runs on) and one servlet that gives
 * recstream's answer to a cached play (the same validators, security headers, a single range, a 304 on a matching
 * {@code If-None-Match}, sendfile from 48 KiB) with no framework, no token, no tenancy, no metrics. Started by the
 * suite as its own process: {@code BareServlet <port> <directory>}; files are {@code /<name>}.
 */
public final class BareServlet extends HttpServlet {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final long SENDFILE_MIN_BYTES = 48 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path directory;

    private BareServlet(Path directory) {
        this.directory = directory;
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("bare-servlet-").toString());
        Connector connector = new Connector();
        connector.setPort(Integer.parseInt(args[0]));
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "recordings", new BareServlet(Path.of(args[1])));
        context.addServletMappingDecoded("/", "recordings");
        tomcat.start();
        tomcat.getServer().await();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path file = directory.resolve(request.getRequestURI().substring(1));
        BasicFileAttributes attributes = java.nio.file.Files.readAttributes(file, BasicFileAttributes.class);
        long length = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = '"' + Long.toHexString(length) + '-' + Long.toHexString(modified) + '"';
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; "
                + "frame-ancestors 'none'; form-action 'self'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("ETag", etag);
        response.setHeader("Last-Modified", HTTP_DATE.format(attributes.lastModifiedTime().toInstant()));
        response.setHeader("Cache-Control", "private");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long first = 0;
        long last = length - 1;
        String range = request.getHeader("Range");
        Matcher matcher = range == null ? null : SINGLE_RANGE.matcher(range);
        if (matcher != null && matcher.matches()) {
            first = Long.parseLong(matcher.group(1));
            last = matcher.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(matcher.group(2)));
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + first + "-" + last + "/" + length);
        }
        long bodyLength = last - first + 1;
        response.setContentType("audio/mpeg");
        response.setContentLengthLong(bodyLength);
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        if (bodyLength >= SENDFILE_MIN_BYTES
                && Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support"))) {
            request.setAttribute("org.apache.tomcat.sendfile.filename", file.toAbsolutePath().toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", first);
            request.setAttribute("org.apache.tomcat.sendfile.end", last + 1);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(64 * 1024, bodyLength));
            long position = first;
            while (position <= last) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), last + 1 - position));
                int read = channel.read(buffer, position);
                response.getOutputStream().write(buffer.array(), 0, read);
                position += read;
            }
        }
    }
}

package io.recstream.adapter.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with recstream's {@code code} member. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(ProblemCode problem, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
        body.setTitle(problem.title());
        body.setType(URI.create("urn:recstream:problem:" + problem.code()));
        body.setProperty("code", problem.code());
        return body;
    }

    /** The same problem as a plain map, for writers outside Spring MVC's message conversion (security filters). */
    static Map<String, Object> asMap(ProblemCode problem, String detail, String instance) {
        ProblemDetail body = of(problem, detail);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", body.getType().toString());
        map.put("title", body.getTitle());
        map.put("status", body.getStatus());
        map.put("detail", detail);
        map.put("instance", instance);
        map.put("code", problem.code());
        return map;
    }
}

package io.recstream.devkit;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Counts the requests an object store answers, by kind: what a benchmark says a download or a play costs it. */
final class CountingBlobStore extends ForwardingBlobStore {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    CountingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /**
     * The requests answered so far, by kind: PUT, HEAD, GET (whole objects), GET range, LIST, DELETE; and "GET bytes",
     * the bytes the GETs answered.
     */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    private void count(String kind) {
        add(kind, 1);
    }

    private void add(String kind, long amount) {
        counts.computeIfAbsent(kind, ignored -> new LongAdder()).add(amount);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        count("PUT");
        return super.putBlob(request, content);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        count("HEAD");
        return super.blobMetadata(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        count(request.range() == null ? "GET" : "GET range");
        ResponseInputStream<GetObjectResponse> answer = super.getBlob(request);
        Long length = answer.response().contentLength();
        add("GET bytes", length == null ? 0 : length);
        return answer;
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        count("LIST");
        return super.list(request);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        count("DELETE");
        return super.removeBlob(request);
    }
}

package io.recstream.adapter.web;

/** A satisfiable byte range of a representation, both ends inclusive. */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    String contentRange(long totalLength) {
        return "bytes " + first + '-' + last + '/' + totalLength;
    }
}

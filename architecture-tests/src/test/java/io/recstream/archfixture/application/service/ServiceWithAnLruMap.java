package io.recstream.archfixture.application.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** Breaks "the core keeps no cache of its own": a hand-made least-recently-used map. */
public class ServiceWithAnLruMap extends LinkedHashMap<String, String> {

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > 10;
    }
}

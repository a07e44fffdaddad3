package io.recstream.archfixture.application.service;

import io.recstream.archfixture.adapter.alpha.AlphaAdapter;

/** Breaks "the application depends only on the domain and the JDK". */
public class ServiceUsingAdapter {

    private final AlphaAdapter adapter = new AlphaAdapter();

    public String name() {
        return adapter.toString();
    }
}

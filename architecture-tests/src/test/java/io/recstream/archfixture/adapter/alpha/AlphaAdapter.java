package io.recstream.archfixture.adapter.alpha;

import io.recstream.archfixture.adapter.beta.BetaAdapter;
import io.recstream.archfixture.application.service.ServiceUsingAdapter;

/** Breaks "adapters never depend on each other" and "adapters reach the application through its ports". */
public class AlphaAdapter {

    public Object beta() {
        return new BetaAdapter();
    }

    public Object service() {
        return new ServiceUsingAdapter();
    }
}

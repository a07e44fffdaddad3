package io.recstream.archfixture.adapter.beta;

/** The adapter that another adapter wrongly uses. */
public class BetaAdapter {
}

package io.recstream.archfixture.domain;

/** Breaks "the domain depends on nothing but the JDK". */
public class DomainUsingSpring {

    public boolean blank(String value) {
        return !org.springframework.util.StringUtils.hasText(value);
    }
}

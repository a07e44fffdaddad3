package io.recstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class HexagonArchitectureTest {

    private static final JavaClasses RECSTREAM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recstream.domain", "io.recstream.application", "io.recstream.adapter");

    /** Classes that each break one rule: the fixtures live in the test sources, so they are imported separately. */
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("io.recstream.archfixture");

    @Test
    void theImportSeesEveryLayer() {
        assertThat(RECSTREAM.stream().map(javaClass -> javaClass.getPackageName()))
                .anyMatch(name -> name.startsWith("io.recstream.domain"))
                .anyMatch(name -> name.startsWith("io.recstream.application.service"))
                .anyMatch(name -> name.startsWith("io.recstream.application.port.in"))
                .anyMatch(name -> name.startsWith("io.recstream.application.port.out"))
                .anyMatch(name -> name.startsWith("io.recstream.adapter.web"))
                .anyMatch(name -> name.startsWith("io.recstream.adapter.kafka"))
                .anyMatch(name -> name.startsWith("io.recstream.adapter.redis"))
                .anyMatch(name -> name.startsWith("io.recstream.adapter.twilio"))
                .anyMatch(name -> name.startsWith("io.recstream.adapter.storage"))
                .anyMatch(name -> name.startsWith("io.recstream.adapter.audio"));
    }

    @TestFactory
    Stream<DynamicTest> recstreamKeepsEveryRule() {
        return HexagonRules.all("io.recstream").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(RECSTREAM)));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleCatchesItsViolatingFixture() {
        List<ArchRule> rules = HexagonRules.all("io.recstream.archfixture");
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(),
                // "was violated", not "failed to check any classes": the rule must catch a real violation.
                () -> assertThatThrownBy(() -> rule.check(FIXTURES)).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("was violated")));
    }
}

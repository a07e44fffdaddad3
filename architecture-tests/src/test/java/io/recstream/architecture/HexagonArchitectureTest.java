package io.recstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class HexagonArchitectureTest {

    /**
     * Bootstrap is read from its compiled classes: its jar is Spring Boot's executable one, whose classes ArchUnit
     * can't import by package.
     */
    private static final Path BOOTSTRAP_CLASSES = Path.of("../bootstrap/target/classes");

    private static final JavaClasses RECSTREAM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Stream.concat(Stream.of(Location.of(BOOTSTRAP_CLASSES)),
                    Stream.of("io.recstream.domain", "io.recstream.application", "io.recstream.adapter")
                            .flatMap(layer -> Locations.ofPackage(layer).stream())).collect(Collectors.toSet()));

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
                .anyMatch(name -> name.startsWith("io.recstream.adapter.audio"))
                .anyMatch(name -> name.startsWith("io.recstream.bootstrap"));
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

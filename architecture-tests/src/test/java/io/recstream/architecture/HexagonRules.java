package io.recstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of the hexagon, for a root package, so that the same rules run on recstream and on fixtures
 * that break each of them.
 */
final class HexagonRules {

    private HexagonRules() {
    }

    static List<ArchRule> all(String root) {
        return List.of(domainDependsOnlyOnTheJdk(root), applicationDependsOnlyOnTheDomain(root),
                noFrameworkInTheCore(root), adaptersAreIndependent(root), adaptersDoNotUseServices(root),
                inPortsDoNotDependOnOutPorts(root), outPortsDoNotDependOnInPorts(root), webSpeaksOnlyInPorts(root),
                coreEncodesNothingForAWire(root), coreKeepsNoCacheOfItsOwn(root), bootstrapImplementsNoPort(root), bootstrapSpeaksToNoSdk(root));
    }

    static ArchRule domainDependsOnlyOnTheJdk(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..")
                .as("the domain depends on nothing but the JDK");
    }

    static ArchRule applicationDependsOnlyOnTheDomain(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".application..", root + ".domain..", "java..")
                .as("the application depends only on the domain and the JDK");
    }

    static ArchRule noFrameworkInTheCore(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "com.twilio..",
                        "org.apache.kafka..", "io.lettuce..")
                .as("no framework or SDK in the domain or the application");
    }

    /** Tokens, validators and names on a wire are the adapters' to encode: the core speaks values. */
    static ArchRule coreEncodesNothingForAWire(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Base64")
                .as("the core encodes nothing for a wire");
    }

    /** A memory bounded by eviction is a cache: one utility (Caffeine) holds them all, behind an out-port. */
    static ArchRule coreKeepsNoCacheOfItsOwn(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().beAssignableTo(java.util.LinkedHashMap.class)
                .as("the core keeps no cache of its own");
    }

    static ArchRule adaptersAreIndependent(String root) {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .as("adapters never depend on each other");
    }

    static ArchRule adaptersDoNotUseServices(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.service..")
                .as("adapters reach the application through its ports, never its services");
    }

    static ArchRule inPortsDoNotDependOnOutPorts(String root) {
        return noClasses().that().resideInAPackage(root + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.out..")
                .as("in-ports do not depend on out-ports");
    }

    static ArchRule outPortsDoNotDependOnInPorts(String root) {
        return noClasses().that().resideInAPackage(root + ".application.port.out..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.in..")
                .as("out-ports do not depend on in-ports");
    }

    /** Out-ports' failures are translated by the use cases into their own answers, never caught by a controller. */
    static ArchRule webSpeaksOnlyInPorts(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter.web..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.out..")
                .as("the web adapter depends on no out-port");
    }

    /** Bootstrap is wiring and typed configuration: what implements a port, decorators included, is an adapter. */
    static ArchRule bootstrapImplementsNoPort(String root) {
        return noClasses().that().resideInAPackage(root + ".bootstrap..")
                .should().implement(JavaClass.Predicates.resideInAPackage(root + ".application.port.."))
                .as("bootstrap implements no port");
    }

    /** An SDK's types and failures are read by the adapter that uses it, not by the wiring. */
    static ArchRule bootstrapSpeaksToNoSdk(String root) {
        return noClasses().that().resideInAPackage(root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.twilio..",
                        "io.github.resilience4j..", "io.lettuce..", "org.apache.kafka..")
                .as("bootstrap speaks to no SDK");
    }
}

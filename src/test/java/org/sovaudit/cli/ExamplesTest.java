package org.sovaudit.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sovaudit.testing.Examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example environments: each finds what its EXPECTED.md says, and their scores order as a reviewer would. */
class ExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ministry-lab", "single-vendor", "diversified"})
    void example_meetsItsExpectations(String name) {
        Expectations.Outcome outcome = Expectations.load(Path.of("examples", name, "EXPECTED.md"))
                .check(Examples.of(name).result().report());
        assertTrue(outcome.ok(), name + ": " + outcome.problems());
        assertTrue(outcome.checked() > 5, name + " checks too little");
    }

    @Test
    void scores_orderSingleVendorBelowMinistryLabBelowDiversified() {
        int single = Examples.of("single-vendor").result().report().scores().overall();
        int lab = Examples.of("ministry-lab").result().report().scores().overall();
        int diversified = Examples.of("diversified").result().report().scores().overall();
        assertTrue(single < lab && lab < diversified,
                "single-vendor " + single + ", ministry-lab " + lab + ", diversified " + diversified);
        double singleLockIn = Examples.of("single-vendor").result().report().lockIn().getFirst().index();
        double labLockIn = Examples.of("ministry-lab").result().report().lockIn().getFirst().index();
        assertTrue(singleLockIn > labLockIn, "single-vendor lock-in " + singleLockIn + " vs " + labLockIn);
    }
}

package de.sprechzimmer.common.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessCodesTest {

    @Test
    void codesCarryAtLeastFiftyBitsAndNoLookAlikes() {
        assertThat(AccessCodes.ENTROPY_BITS).isGreaterThanOrEqualTo(50.0);
        AccessCodes codes = new AccessCodes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String c = codes.generate();
            assertThat(c).hasSize(12).doesNotContain("0", "O", "1", "I", "L", "l");
            seen.add(c);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void typedInputIsForgiving() {
        assertThat(AccessCodes.normalize(" k7qm-4xrt 9hwp ")).contains("K7QM4XRT9HWP");
        assertThat(AccessCodes.display("K7QM4XRT9HWP")).isEqualTo("K7QM-4XRT-9HWP");
        assertThat(AccessCodes.normalize("K7QM-4XRT-9HW")).isEmpty();
        assertThat(AccessCodes.normalize("K7QM-4XRT-9HW0")).isEmpty();
        assertThat(AccessCodes.normalize(null)).isEmpty();
    }
}

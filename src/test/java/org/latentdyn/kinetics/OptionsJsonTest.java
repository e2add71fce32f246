package org.latentdyn.kinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The kinetics option records round-trip through JSON (STYLE.md habit 3), so a run can record and repeat them. */
class OptionsJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void optionRecordsRoundTrip() throws Exception {
    Object[] options = {
        KMeans.Options.of(100, 7).withRestarts(4).withTolerance(1e-6),
        MaximumLikelihoodMsm.Options.of(10).withReversible(false),
        CoreTransitions.Options.of(3).withBlocks(20)};
    for (Object o : options) {
      assertEquals(o, json.readValue(json.writeValueAsString(o), o.getClass()));
    }
  }

  @Test
  void jsonIsValidatedLikeTheConstructor() {
    Exception e = assertThrows(Exception.class, () -> json.readValue(
        "{\"lag\":0,\"reversible\":true,\"tolerance\":1e-10,\"maxIterations\":10}", MaximumLikelihoodMsm.Options.class));
    assertTrue(e.getMessage().contains("lag must be >= 1, got 0"), e.getMessage());
  }
}

package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecEnumsTest {

  @Test
  void yamlNamesAreLowerCamelCase() {
    assertThat(SpecEnums.yamlName(Resampling.CLASS_WEIGHTS)).isEqualTo("classWeights");
    assertThat(SpecEnums.yamlName(Activation.LEAKYRELU)).isEqualTo("leakyrelu");
    assertThat(SpecEnums.yamlNames(InputNormalization.class)).containsExactly("none", "standard", "minmax");
  }

  @Test
  void parsingIgnoresCaseDashesAndUnderscores() {
    assertThat(SpecEnums.parse(Resampling.class, "class-weights")).contains(Resampling.CLASS_WEIGHTS);
    assertThat(SpecEnums.parse(Resampling.class, "CLASS_WEIGHTS")).contains(Resampling.CLASS_WEIGHTS);
    assertThat(SpecEnums.parse(Resampling.class, "classweights")).contains(Resampling.CLASS_WEIGHTS);
    assertThat(SpecEnums.parse(Resampling.class, "weights")).isEmpty();
  }
}

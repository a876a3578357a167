package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecEnumsTest {

  @Test
  void yamlNamesAreLowerCamelCase() {
    assertThat(SpecEnums.yamlName(Resampling.CLASS_WEIGHTS)).isEqualTo("classWeights");
    assertThat(SpecEnums.yamlName(Activation.LEAKYRELU)).isEqualTo("leakyrelu");
    assertThat(SpecEnums.yamlNames(InputNormalization.class))
        .containsExactly("none", "standard", "minmax");
  }

  @Test
  void parsingIgnoresCaseDashesAndUnderscores() {
    assertThat(SpecEnums.parse(Resampling.class, "class-weights"))
        .contains(Resampling.CLASS_WEIGHTS);
    assertThat(SpecEnums.parse(Resampling.class, "CLASS_WEIGHTS"))
        .contains(Resampling.CLASS_WEIGHTS);
    assertThat(SpecEnums.parse(Resampling.class, "classweights"))
        .contains(Resampling.CLASS_WEIGHTS);
    assertThat(SpecEnums.parse(Resampling.class, "weights")).isEmpty();
  }

  @Test
  void theDeliberatelyPoorInitHasItsOwnNameAndNormalStaysDl4jsNormal() {
    // issue 10: 'normal' means WeightInit.NORMAL, N(0, 1/fanIn); N(0, 1) is spelled unitNormal
    assertThat(SpecEnums.parse(WeightInit.class, "normal")).contains(WeightInit.NORMAL);
    assertThat(SpecEnums.parse(WeightInit.class, "unitNormal")).contains(WeightInit.UNIT_NORMAL);
    assertThat(SpecEnums.parse(WeightInit.class, "unit-normal")).contains(WeightInit.UNIT_NORMAL);
    assertThat(SpecEnums.yamlNames(WeightInit.class))
        .containsExactly("xavier", "he", "lecun", "normal", "unitNormal", "uniform", "zero");
  }
}

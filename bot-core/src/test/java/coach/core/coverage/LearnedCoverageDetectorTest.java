package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LearnedCoverageDetectorTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final LexicalCoverageDetector LEXICAL = LexicalCoverageDetector.create(CURRICULUM);

  /**
   * A hand-made model: every bias very negative (nothing is added and every lexical find is
   * dropped) except the listed concepts, whose bias is very positive.
   */
  private static LearnedCoverageDetector withBias(List<String> sure) {
    String bias =
        RubricIds.CONCEPTS.stream()
            .map(c -> sure.contains(c) ? "9" : "-9")
            .collect(Collectors.joining(", "));
    String labels =
        RubricIds.CONCEPTS.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    String json =
        "{\"format\": 1, \"trained_on\": [], \"examples\": 0, \"threshold\": 0.45, \"labels\": ["
            + labels
            + "], \"bias\": ["
            + bias
            + "], \"weights\": {}}";
    return LearnedCoverageDetector.of(LEXICAL, LabelModel.parse(json, RubricIds.CONCEPTS, "test"));
  }

  private static final String ANSWER =
      "Labels come from chargebacks, which arrive up to 60 days later. No need for shadow mode.";

  @Test
  void keepsWhatTheModelBelievesWithItsEvidenceAndAddsWithoutAQuote() {
    Detection lexical = LEXICAL.analyse(ANSWER, Optional.of("fraud-checkout"), Optional.of("data"));
    assertThat(lexical.covered()).contains("data.label_source", "data.label_delay");

    Detection learned =
        withBias(List.of("data.label_source", "monitoring.outcomes"))
            .analyse(ANSWER, Optional.of("fraud-checkout"), Optional.of("data"));

    // label delay was found by the lexicon but the model is sure it is wrong: dropped
    assertThat(learned.covered()).containsExactly("data.label_source", "monitoring.outcomes");
    assertThat(learned.evidence()).containsKey("data.label_source");
    assertThat(learned.evidence()).doesNotContainKey("monitoring.outcomes");
    assertThat(learned.evidence()).doesNotContainKey("data.label_delay");
  }

  @Test
  void aDismissedConceptIsNeverCoveredHoweverSureTheModelIs() {
    Detection lexical = LEXICAL.analyse(ANSWER, Optional.of("fraud-checkout"), Optional.of("data"));
    assertThat(lexical.dismissed()).contains("validation.shadow");

    Detection learned =
        withBias(List.of("validation.shadow"))
            .analyse(ANSWER, Optional.of("fraud-checkout"), Optional.of("data"));

    assertThat(learned.covered()).doesNotContain("validation.shadow");
    assertThat(learned.dismissed()).contains("validation.shadow");
  }

  @Test
  void detectAndAnalyseAgree() {
    LearnedCoverageDetector shipped = LearnedCoverageDetector.shipped(LEXICAL);
    assertThat(shipped.detect(ANSWER, Optional.of("fraud-checkout"), Optional.of("data")))
        .isEqualTo(
            shipped.analyse(ANSWER, Optional.of("fraud-checkout"), Optional.of("data")).covered());
  }

  /**
   * The shipped model is what training on its listed sets gives, byte for byte: a change to the
   * lexicon or the sets that is not followed by retraining fails here.
   */
  @Test
  void theShippedModelIsReproducedByTrainingOnItsSets() throws Exception {
    String shipped;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(LearnedCoverageDetector.RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    LabelModel model = LabelModel.parse(shipped, RubricIds.CONCEPTS, "shipped");
    assertThat(model.trainedOn()).isNotEmpty().noneMatch(name -> name.startsWith("frozen"));
    Map<String, List<LabelledAnswer>> sets = new LinkedHashMap<>();
    for (String name : model.trainedOn()) {
      URL url = getClass().getResource("/coverage/" + name);
      if (url == null) {
        url = getClass().getResource("/coverage/authors/" + name);
      }
      assertThat(url).as(name).isNotNull();
      sets.put(name, LabelledAnswer.read(Path.of(url.toURI())));
    }
    assertThat(LearnedCoverageDetector.toJson(LearnedCoverageDetector.train(LEXICAL, sets)))
        .as("retrain with ./coach train (it rewrites %s)", LearnedCoverageDetector.RESOURCE_PATH)
        .isEqualTo(shipped);
  }
}

package coach.core.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicModelTest {

  private static final coach.core.learn.LabelModel.Settings SETTINGS = TopicModel.SETTINGS;

  /**
   * Twelve toy questions: "qps" asks scale, "label" asks labels, both ask both, "lunch" asks
   * nothing.
   */
  private static List<TopicModel.Example> toy() {
    List<TopicModel.Example> examples = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      examples.add(example(Set.of("scale"), "q:qps", "q:n" + i));
      examples.add(example(Set.of("labels"), "q:label", "q:n" + i));
      examples.add(example(Set.of("scale", "labels"), "q:qps", "q:label", "q:n" + i));
      examples.add(example(Set.of(), "q:lunch", "q:n" + i));
    }
    return examples;
  }

  private static TopicModel.Example example(Set<String> topics, String... features) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (String feature : features) {
      map.put(feature, 1.0);
    }
    return new TopicModel.Example(map, topics);
  }

  @Test
  void learnsWhichWordsAskWhichTopic() {
    TopicModel model = TopicModel.train(toy(), SETTINGS, List.of("toy"));
    assertThat(model.topics(Map.of("q:qps", 1.0), List.of())).containsExactly("scale");
    assertThat(model.topics(Map.of("q:label", 1.0), List.of())).containsExactly("labels");
    assertThat(model.topics(Map.of("q:lunch", 1.0), List.of())).isEmpty();
    assertThat(model.probabilities(Map.of("q:qps", 1.0)).get("scale")).isGreaterThan(0.8);
    assertThat(model.probabilities(Map.of("q:lunch", 1.0)).get("scale")).isLessThan(0.2);
  }

  @Test
  void keepsTheLexicalOrderThenAddsInTopicOrder() {
    TopicModel model = TopicModel.train(toy(), SETTINGS, List.of("toy"));
    Map<String, Double> both = Map.of("q:qps", 1.0, "q:label", 1.0);
    // the lexical reader found labels first: kept first; scale is added after it
    assertThat(model.topics(both, List.of("labels"))).containsExactly("labels", "scale");
    // a lexical reading the model does not believe is dropped
    assertThat(model.topics(Map.of("q:lunch", 1.0), List.of("budget"))).isEmpty();
  }

  @Test
  void featuresSeenTooRarelyCarryNoWeight() {
    List<TopicModel.Example> examples = new ArrayList<>(toy());
    examples.add(example(Set.of("budget"), "q:once"));
    TopicModel model = TopicModel.train(examples, SETTINGS, List.of("toy"));
    assertThat(model.probabilities(Map.of("q:once", 1.0)).get("budget"))
        .isEqualTo(model.probabilities(Map.of()).get("budget"));
  }

  @Test
  void writtenAndReadBackItIsTheSameModel() {
    TopicModel model = TopicModel.train(toy(), SETTINGS, List.of("toy.jsonl"));
    TopicModel back = TopicModel.parse(model.toJson(), "toy");
    assertThat(back.toJson()).isEqualTo(model.toJson());
    assertThat(back.trainedOn()).containsExactly("toy.jsonl");
    assertThat(back.questions()).isEqualTo(12);
    assertThat(back.probabilities(Map.of("q:qps", 1.0)))
        .isEqualTo(model.probabilities(Map.of("q:qps", 1.0)));
  }

  @Test
  void aFileThatIsNotAModelIsRefusedWithOneSentence() {
    assertThatThrownBy(() -> TopicModel.parse("{", "m.json")).hasMessage("m.json is not JSON.");
    assertThatThrownBy(() -> TopicModel.parse("{\"format\": 9}", "m.json"))
        .hasMessage("m.json is not a model of format 1.");
    String model = TopicModel.train(toy(), SETTINGS, List.of("toy")).toJson();
    assertThatThrownBy(() -> TopicModel.parse(model.replace("\"scale\", ", ""), "m.json"))
        .hasMessage("m.json was trained for other labels; retrain it.");
    String shortBias = model.replaceFirst("(\"bias\": \\[)[^,]+, ", "$1");
    assertThat(shortBias).isNotEqualTo(model);
    assertThatThrownBy(() -> TopicModel.parse(shortBias, "m.json"))
        .hasMessageContaining("a row without one weight for each of the 15 labels");
  }

  /**
   * The shipped model is what training on its listed sets gives, byte for byte: a change to the
   * lexicon, the features or the sets that is not followed by retraining fails here.
   */
  @Test
  void theShippedModelIsReproducedByTrainingOnItsSets() throws Exception {
    String shipped;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(TopicModel.RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    TopicModel model = TopicModel.shipped();
    assertThat(model.trainedOn()).isNotEmpty().noneMatch(name -> name.startsWith("frozen"));
    Map<String, List<LabelledQuestion>> sets = new LinkedHashMap<>();
    for (String name : model.trainedOn()) {
      sets.put(
          name,
          LabelledQuestion.read(Path.of(getClass().getResource("/questions/" + name).toURI())));
    }
    assertThat(Clarifier.create(null, null).train(sets).toJson())
        .as("retrain with ./coach train (it rewrites %s)", TopicModel.RESOURCE_PATH)
        .isEqualTo(shipped);
  }
}

package coach.core.clarify;

import coach.core.coverage.Token;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The features the learned topic reader ({@link TopicModel}) weighs for a read message: what the
 * lexical reader chose and matched, and the stems and stem pairs of the message, marked by whether
 * their sentence asks. Deterministic; the same message always gives the same features.
 */
final class TopicFeatures {

  private TopicFeatures() {}

  /**
   * The features of a read message whose lexical reading chose {@code chosen} (topic ids, in
   * order), as a sorted map from feature name to value.
   */
  static Map<String, Double> of(Message message, List<String> chosen) {
    Map<String, Double> features = new TreeMap<>();
    for (int i = 0; i < chosen.size(); i++) {
      features.put("chosen:" + chosen.get(i), 1.0);
    }
    features.put("chosen-count:" + Math.min(chosen.size(), 3), 1.0);
    boolean anyInquiring = false;
    for (int s = 0; s < message.sentences().size(); s++) {
      Reading sentence = message.sentences().get(s);
      boolean inquiring = message.inquiring().get(s);
      anyInquiring |= inquiring;
      String where = inquiring ? "q" : "s";
      for (Match match : sentence.matches()) {
        if (match.priority() >= 0) {
          features.merge("match-" + where + ":" + match.topic(), 1.0, Math::max);
          features.merge(
              "match-" + where + "-p" + match.priority() + ":" + match.topic(), 1.0, Math::max);
        }
      }
      List<Token> tokens = sentence.tokens();
      String previous = "<s>";
      for (Token token : tokens) {
        String stem = token.isNumber() ? "<num>" : token.stem();
        features.merge(where + ":" + stem, 1.0, Math::max);
        features.merge(where + "2:" + previous + "_" + stem, 1.0, Math::max);
        previous = stem;
      }
    }
    features.put(anyInquiring ? "asks" : "asks-not", 1.0);
    return features;
  }
}

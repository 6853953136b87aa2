package coach.core.clarify;

import static coach.core.clarify.Words.asksOn;
import static coach.core.clarify.Words.withoutFillers;

import coach.core.coverage.Token;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Self-corrections: "How many analysts - sorry, I mean how many transactions a day?" asks only what
 * the correction asks. The part a correction cue ("I mean", "or rather", "scratch that") follows is
 * replaced when the correction reads a topic of its own: the last part before the cue in its
 * sentence, or, when the cue opens a sentence ("... A vendor score? Sorry, I mean what blocks fraud
 * today."), the last part of the sentence before. A cue with nothing read after it ("Average
 * contract value I mean.") replaces nothing. Stateless.
 */
final class Corrections {

  private Corrections() {}

  /** The matches that a later self-correction replaces (compared by identity). */
  static Set<Match> replaced(Message message) {
    Set<Match> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Reading> sentences = message.sentences();
    for (int s = 0; s < sentences.size(); s++) {
      Reading sentence = sentences.get(s);
      int opening = sentence.tokens().size() - withoutFillers(sentence.tokens()).size();
      for (int[] cue : sentence.cues().getOrDefault(CueKind.CORRECTION, List.of())) {
        int after = cue[1];
        boolean corrects =
            message.inquiring().get(s)
                && sentence.matches().stream().anyMatch(m -> m.priority() > 0 && m.start() > after);
        if (!corrects) {
          continue;
        }
        if (cue[0] <= opening) {
          if (s > 0) {
            Reading before = sentences.get(s - 1);
            int from = lastPartStart(before.tokens(), before.tokens().size());
            before.matches().stream().filter(m -> m.start() >= from).forEach(replaced::add);
          }
        } else {
          int from = lastPartStart(sentence.tokens(), cue[0]);
          sentence.matches().stream()
              .filter(m -> m.start() >= from && m.end() < cue[0])
              .forEach(replaced::add);
        }
      }
    }
    return replaced;
  }

  /** Where the last part of a question before token {@code end} starts (", and how many ..."). */
  private static int lastPartStart(List<Token> tokens, int end) {
    for (int i = end - 1; i > 0; i--) {
      if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
        return i;
      }
    }
    return 0;
  }
}

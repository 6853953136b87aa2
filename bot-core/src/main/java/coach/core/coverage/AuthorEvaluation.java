package coach.core.coverage;

import coach.core.learn.LeaveOneAuthorOut;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-author-out for the coverage detector's learned stage (see {@link LeaveOneAuthorOut}).
 */
public final class AuthorEvaluation {

  private AuthorEvaluation() {}

  /** Runs it over {@code sets} (file name to answers, two at least), scoring {@code concepts}. */
  public static LeaveOneAuthorOut run(
      LexicalCoverageDetector lexical,
      Map<String, List<LabelledAnswer>> sets,
      Collection<String> concepts) {
    return LeaveOneAuthorOut.run(
        sets,
        (name, heldOut, training) ->
            new LeaveOneAuthorOut.Row(
                name,
                Evaluation.run(lexical, heldOut, concepts).microF1(),
                Evaluation.run(
                        LearnedCoverageDetector.of(
                            lexical, LearnedCoverageDetector.train(lexical, training)),
                        heldOut,
                        concepts)
                    .microF1()));
  }
}

package coach.core.clarify;

import coach.core.learn.LeaveOneAuthorOut;
import java.util.List;
import java.util.Map;

/** Leave-one-author-out for the question reader's learned stage (see {@link LeaveOneAuthorOut}). */
public final class AuthorEvaluation {

  private AuthorEvaluation() {}

  /**
   * Runs it over {@code sets} (file name to questions, two at least) as the lexicon of {@code
   * lexical} (a clarifier without a learned reader) reads them.
   */
  public static LeaveOneAuthorOut run(Clarifier lexical, Map<String, List<LabelledQuestion>> sets) {
    return LeaveOneAuthorOut.run(
        sets,
        (name, heldOut, training) ->
            new LeaveOneAuthorOut.Row(
                name,
                QuestionEvaluation.run(lexical, heldOut).microF1(),
                QuestionEvaluation.run(lexical.withModel(lexical.train(training)), heldOut)
                    .microF1()));
  }
}

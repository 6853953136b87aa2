package coach.core.clarify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-author-out: for each labelled set (one author each), the learned reader is trained on
 * all the other sets and scored on the one left out, beside the lexicon alone on the same set. The
 * honest figure for a reader that learns: it never sees the author it is scored on.
 */
public final class AuthorEvaluation {

  /** One held-out set's scores: the lexicon alone, and the lexicon with the learned reader. */
  public record Row(String set, QuestionEvaluation lexical, QuestionEvaluation learned) {}

  private final List<Row> rows;

  private AuthorEvaluation(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * Runs it over {@code sets} (file name to questions, two at least) as the lexicon of {@code
   * lexical} (a clarifier without a learned reader) reads them.
   */
  public static AuthorEvaluation run(Clarifier lexical, Map<String, List<LabelledQuestion>> sets) {
    if (sets.size() < 2) {
      throw new IllegalArgumentException("leaving one author out needs two labelled files or more");
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<LabelledQuestion>> held : sets.entrySet()) {
      Map<String, List<LabelledQuestion>> others = new LinkedHashMap<>(sets);
      others.remove(held.getKey());
      Clarifier learned = lexical.withModel(lexical.train(others));
      rows.add(
          new Row(
              held.getKey(),
              QuestionEvaluation.run(lexical, held.getValue()),
              QuestionEvaluation.run(learned, held.getValue())));
    }
    return new AuthorEvaluation(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** The mean over held-out sets of the lexicon's micro-F1. */
  public double meanLexical() {
    return rows.stream().mapToDouble(r -> r.lexical().microF1()).average().orElse(0);
  }

  /** The mean over held-out sets of the learned reader's micro-F1: the deciding figure. */
  public double meanLearned() {
    return rows.stream().mapToDouble(r -> r.learned().microF1()).average().orElse(0);
  }

  /** One line a held-out set, then the means. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-28s %9s %9s%n", "held out", "lexicon", "learned"));
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-28s %9.3f %9.3f%n",
              row.set(),
              row.lexical().microF1(),
              row.learned().microF1()));
    }
    out.append(
        String.format(
            Locale.ROOT, "%-28s %9.3f %9.3f%n", "mean micro F1", meanLexical(), meanLearned()));
    return out.toString();
  }
}

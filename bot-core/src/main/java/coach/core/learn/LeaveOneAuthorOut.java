package coach.core.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-author-out: for each labelled set (one author each), a learned stage is trained on all
 * the other sets and scored on the one left out, beside the lexical stage alone on the same set.
 * The figure that decides what gets adopted: no model is scored on an author it learned from.
 */
public final class LeaveOneAuthorOut {

  /** One held-out set's micro-F1: the lexical stage alone, and with the learned stage on top. */
  public record Row(String set, double lexical, double learned) {}

  /** Trains on {@code training} and scores both stages on {@code heldOut}. */
  @FunctionalInterface
  public interface Fold<T> {
    Row score(String heldOutName, List<T> heldOut, Map<String, List<T>> training);
  }

  private final List<Row> rows;

  private LeaveOneAuthorOut(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Runs {@code fold} once for each of {@code sets} (file name to examples, two at least). */
  public static <T> LeaveOneAuthorOut run(Map<String, List<T>> sets, Fold<T> fold) {
    if (sets.size() < 2) {
      throw new IllegalArgumentException("leaving one author out needs two labelled files or more");
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<T>> held : sets.entrySet()) {
      Map<String, List<T>> others = new LinkedHashMap<>(sets);
      others.remove(held.getKey());
      rows.add(fold.score(held.getKey(), held.getValue(), others));
    }
    return new LeaveOneAuthorOut(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** The mean over held-out sets of the lexical stage's micro-F1. */
  public double meanLexical() {
    return rows.stream().mapToDouble(Row::lexical).average().orElse(0);
  }

  /** The mean over held-out sets of the learned stage's micro-F1: the deciding figure. */
  public double meanLearned() {
    return rows.stream().mapToDouble(Row::learned).average().orElse(0);
  }

  /** One line a held-out set, then the means. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-28s %9s %9s%n", "held out", "lexical", "learned"));
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT, "%-28s %9.3f %9.3f%n", row.set(), row.lexical(), row.learned()));
    }
    out.append(
        String.format(
            Locale.ROOT, "%-28s %9.3f %9.3f%n", "mean micro F1", meanLexical(), meanLearned()));
    return out.toString();
  }
}

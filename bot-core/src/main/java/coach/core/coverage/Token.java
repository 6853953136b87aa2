package coach.core.coverage;

/**
 * One word of an answer: its lowercase form, its stem, and the clause of its sentence it sits in
 * (clauses are split at commas and contrast words, which bound the reach of a negation).
 */
public record Token(String raw, String stem, int clause) {

  public boolean isNumber() {
    return !raw.isEmpty() && Character.isDigit(raw.charAt(0));
  }
}

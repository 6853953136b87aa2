package coach.core.curriculum;

/** How negation works for a concept when detecting whether an answer covers it. */
public enum ConceptKind {
  /**
   * A hazard named in order to avoid it: "no leakage, only features known at checkout" covers it.
   */
  RISK,
  /** Something done or stated: "skip calibration" dismisses it and does not cover it. */
  PRACTICE
}

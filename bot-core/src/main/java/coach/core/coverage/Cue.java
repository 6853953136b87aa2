package coach.core.coverage;

/** What a cue phrase in an answer signals. */
enum Cue {
  NEGATION,
  POST_NEGATION,
  DISMISSAL,
  UNKNOWN,
  DEFINITION,
  ASSUMPTION,
  QUESTION,
  /** "... I'd skip it", "so no": waves away what was just said. */
  RETRACTION,
  /** "if we had ...": only a counterfactual when a later clause denies it. */
  COUNTERFACTUAL,
  /** "No.", "Doesn't matter.": the speaker answers their own question. */
  SELF_ANSWER
}

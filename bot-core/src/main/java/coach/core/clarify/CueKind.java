package coach.core.clarify;

/**
 * The kinds of cue phrase in {@code clarify/lexicon.yaml} ({@code cues:}): words that mark a
 * sentence as asking, confirming, giving an opinion, setting a topic aside, stating a premise, and
 * so on.
 */
enum CueKind {
  ASK,
  CONFIRM,
  OPINION,
  RHETORICAL,
  SELF_ANSWER,
  DISMISS,
  DISMISS_AFTER,
  PREMISE,
  LEAD_IN,
  HEDGE,
  STATEMENT,
  ELABORATION,
  ANECDOTE,
  CORRECTION
}

package coach.core.clarify;

import static coach.core.clarify.Words.asksOn;

import coach.core.coverage.LexiconCompiler;
import coach.core.coverage.Phrase;
import coach.core.coverage.PhraseIndex;
import coach.core.coverage.TextAnalysis;
import coach.core.coverage.Token;
import coach.core.curriculum.ConceptKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the lexicon's topic patterns in one sentence and decides between readings: an exclude
 * near a match vetoes it, where two topics read the same words the higher priority ({@code strong:}
 * over plain over {@code weak:}) wins, a weak reading counts only when nothing else was read, and a
 * topic the speaker sets aside, only states as a premise, or lists as an example or option of
 * something asked before is dropped. Immutable once built; thread-safe.
 */
final class TopicMatcher {

  /** How many tokens before a topic a dismissal ("I don't need", "forget") reaches it. */
  private static final int DISMISS_BEFORE = 6;

  /** How many tokens after a topic a trailing dismissal ("... aside", "... I know") reaches. */
  private static final int DISMISS_AFTER = 3;

  /** How close (in tokens) an exclude must be to veto a topic's match. */
  private static final int EXCLUDE_REACH = 3;

  private static final String WEAK = "weak:";
  private static final String STRONG = "strong:";

  /**
   * Excludes always act near their words; the prefix is accepted for the coverage lexicon's sake.
   */
  private static final String NEAR = "near:";

  private static final String CLAUSE = "clause:";
  private static final int WHOLE_CLAUSE = -1;

  /** A compiled topic pattern. */
  private record TopicRule(
      String topic,
      int priority,
      boolean exclude,
      int window,
      List<List<Phrase>> groups,
      String source) {}

  private final List<TopicRule> rules = new ArrayList<>();
  private final PhraseIndex<int[]> ruleIndex = new PhraseIndex<>();
  private final ExampleSpans examples;

  /**
   * Compiles the lexicon's topic patterns and excludes with {@code compiler}, which thereby learns
   * their vocabulary (for the typo repair built after it).
   */
  TopicMatcher(LexiconCompiler compiler, ClarifyLexicon lexicon, TextAnalysis analysis) {
    this.examples = new ExampleSpans(analysis);
    for (var entry : lexicon.topics().entrySet()) {
      for (String pattern : entry.getValue().patterns()) {
        addRule(compiler, entry.getKey(), pattern, false);
      }
      for (String pattern : entry.getValue().exclude()) {
        addRule(compiler, entry.getKey(), pattern, true);
      }
    }
    for (int r = 0; r < rules.size(); r++) {
      List<List<Phrase>> groups = rules.get(r).groups();
      for (int g = 0; g < groups.size(); g++) {
        for (Phrase phrase : groups.get(g)) {
          ruleIndex.add(phrase, new int[] {r, g});
        }
      }
    }
  }

  private void addRule(LexiconCompiler compiler, String topic, String pattern, boolean exclude) {
    String text = pattern.strip();
    int priority = 1;
    if (text.startsWith(WEAK)) {
      priority = 0;
      text = text.substring(WEAK.length());
    } else if (text.startsWith(STRONG)) {
      priority = 2;
      text = text.substring(STRONG.length());
    }
    if (text.startsWith(NEAR)) {
      text = text.substring(NEAR.length());
    } else if (exclude && text.startsWith(CLAUSE)) {
      // an exclude that vetoes its topic anywhere in its clause
      priority = WHOLE_CLAUSE;
      text = text.substring(CLAUSE.length());
    }
    for (LexiconCompiler.Rule rule : compiler.compile(topic, ConceptKind.PRACTICE, text, false)) {
      rules.add(
          new TopicRule(topic, priority, exclude, rule.window(), rule.groups(), pattern.strip()));
    }
  }

  /**
   * The topic matches of one sentence, in order, that survive excludes, overlaps, dismissals,
   * premises, examples and option lists; {@code cues} are the sentence's cues by kind.
   */
  List<Match> matches(String text, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    return topicMatches(tokens, cues, examples.elaboration(text, tokens, cues));
  }

  /** The topic matches of one sentence that survive excludes, overlaps and dismissals. */
  private List<Match> topicMatches(
      List<Token> tokens, Map<CueKind, List<int[]>> cues, int[] elaboration) {
    Map<Integer, List<int[]>[]> spans = new LinkedHashMap<>();
    for (int position = 0; position < tokens.size(); position++) {
      int start = position;
      ruleIndex.forEachMatch(
          tokens,
          position,
          (ref, length) -> {
            @SuppressWarnings("unchecked")
            List<int[]>[] byGroup =
                spans.computeIfAbsent(
                    ref[0], r -> (List<int[]>[]) new List[rules.get(r).groups().size()]);
            if (byGroup[ref[1]] == null) {
              byGroup[ref[1]] = new ArrayList<>(2);
            }
            byGroup[ref[1]].add(new int[] {start, start + length - 1});
          });
    }
    List<Match> found = new ArrayList<>();
    List<Match> excludes = new ArrayList<>();
    for (var entry : spans.entrySet()) {
      TopicRule rule = rules.get(entry.getKey());
      List<int[]>[] byGroup = entry.getValue();
      boolean complete = true;
      for (List<int[]> group : byGroup) {
        complete &= group != null;
      }
      if (!complete) {
        continue;
      }
      List<Match> into = rule.exclude() ? excludes : found;
      combine(rule, byGroup, 0, new int[byGroup.length][], into, tokens);
    }
    // a reading may not reach across into the next part of a multi-part question when that part
    // has a reading of its own ("who reads the urgent flags, and what's the cost if an urgent one
    // sits?" does not ask what is urgent); "..., and how long do those take?" leans on the first
    List<Match> straddling = new ArrayList<>();
    for (Match m : found) {
      int part = nextPart(tokens, m);
      if (part > 0
          && found.stream()
              .anyMatch(
                  n ->
                      !n.topic().equals(m.topic())
                          && n.start() >= part
                          && nextPart(tokens, n) < 0)) {
        straddling.add(m);
      }
    }
    found.removeAll(straddling);
    // nor across a self-correction ("how many analysts - sorry, I mean how many transactions?")
    for (int[] at : cues.getOrDefault(CueKind.CORRECTION, List.of())) {
      found.removeIf(m -> m.start() < at[0] && at[1] < m.end());
    }
    // nor across into a premise ("reliable as ground truth, given agents reroute after first
    // touch?" does not ask how long after)
    Set<Integer> premises = Words.premiseClauses(tokens, cues);
    found.removeIf(
        m -> {
          boolean premise = false;
          boolean asked = false;
          for (int i = m.start(); i <= m.end(); i++) {
            if (m.words().get(i)) {
              boolean inPremise = premises.contains(tokens.get(i).clause());
              premise |= inPremise;
              asked |= !inPremise;
            }
          }
          return premise && asked;
        });
    // an exclude near a match vetoes it ("how many & analysts" is not volume)
    found.removeIf(
        m ->
            excludes.stream()
                .anyMatch(
                    x ->
                        x.topic().equals(m.topic())
                            && (x.priority() == WHOLE_CLAUSE
                                ? tokens.get(x.start()).clause() == tokens.get(m.start()).clause()
                                    || tokens.get(x.end()).clause() == tokens.get(m.end()).clause()
                                : x.start() <= m.end() + EXCLUDE_REACH
                                    && m.start() <= x.end() + EXCLUDE_REACH
                                    && sharesClause(tokens, x, m))));
    // where two topics read the same words, the higher priority wins
    List<Match> kept = new ArrayList<>();
    for (Match m : found) {
      boolean beaten =
          found.stream()
              .anyMatch(
                  n ->
                      !n.topic().equals(m.topic())
                          && n.priority() > m.priority()
                          && n.words().intersects(m.words()));
      if (!beaten && !dismissed(m, tokens, cues)) {
        kept.add(m);
      }
    }
    // a weak reading counts only when nothing else in the sentence was read
    if (kept.stream().anyMatch(m -> m.priority() > 0)) {
      kept.removeIf(m -> m.priority() == 0);
    }
    // "What is the goal: conversion, revenue, or retention?": the examples after a colon, a dash
    // or "like" spell out what was asked before them, they are not asked themselves
    // ("... (feature store, Spark) and which team owns it?" asks on after the examples)
    if (elaboration[0] > 0
        && kept.stream().anyMatch(m -> m.priority() > 0 && m.end() < elaboration[0])) {
      kept.removeIf(m -> m.end() >= elaboration[0] && m.start() < elaboration[1]);
    }
    // "What are we trying to improve, nights booked or host earnings?": a list of options in a
    // later clause spells out what the first clause asked
    int options = ExampleSpans.optionsClauseStart(tokens);
    int confidentEnd =
        kept.stream()
            .filter(m -> m.priority() == 2 && m.end() < Math.max(options, 0))
            .mapToInt(Match::end)
            .min()
            .orElse(-1);
    if (options > 0 && confidentEnd >= 0) {
      // the list ends where a clause asks on ("..., and do we have ...")
      int listEnd = tokens.size();
      for (int i = options + 1; i < tokens.size() && listEnd == tokens.size(); i++) {
        if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
          listEnd = i;
        }
      }
      int end = listEnd;
      kept.removeIf(
          m ->
              m.priority() < 2
                  && m.start() > confidentEnd
                  && m.end() >= options
                  && m.start() < end);
    }
    kept.sort(
        (a, b) -> a.start() != b.start() ? a.start() - b.start() : b.priority() - a.priority());
    return List.copyOf(kept);
  }

  /** The first token of a clause that asks on inside the match's words; -1 when none. */
  private static int nextPart(List<Token> tokens, Match m) {
    for (int i = m.start() + 1; i <= m.end(); i++) {
      if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether two matches have a clause in common. */
  private static boolean sharesClause(List<Token> tokens, Match a, Match b) {
    int aFirst = tokens.get(a.start()).clause();
    int aLast = tokens.get(a.end()).clause();
    int bFirst = tokens.get(b.start()).clause();
    int bLast = tokens.get(b.end()).clause();
    return aFirst <= bLast && bFirst <= aLast;
  }

  /** Every way the rule's groups match within its window (a handful at most). */
  private void combine(
      TopicRule rule,
      List<int[]>[] byGroup,
      int group,
      int[][] chosen,
      List<Match> into,
      List<Token> tokens) {
    if (into.size() > 64) {
      return;
    }
    if (group == byGroup.length) {
      int start = Integer.MAX_VALUE;
      int end = -1;
      BitSet words = new BitSet();
      for (int[] at : chosen) {
        start = Math.min(start, at[0]);
        end = Math.max(end, at[1]);
        words.set(at[0], at[1] + 1);
      }
      if (end - start + 1 <= rule.window() + 1) {
        StringBuilder why = new StringBuilder(rule.topic()).append(rule.priority()).append(':');
        words.stream().forEach(i -> why.append(' ').append(tokens.get(i).raw()));
        into.add(new Match(rule.topic(), rule.priority(), start, end, words, why.toString()));
      }
      return;
    }
    for (int[] at : byGroup[group]) {
      boolean overlaps = false;
      for (int g = 0; g < group; g++) {
        overlaps |= chosen[g][0] <= at[1] && at[0] <= chosen[g][1];
      }
      if (overlaps) {
        continue;
      }
      chosen[group] = at;
      combine(rule, byGroup, group + 1, chosen, into, tokens);
    }
  }

  /** "I don't need the latency", "forget volume", "latency aside", "latency I know". */
  private static boolean dismissed(Match m, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    int clause = tokens.get(m.start()).clause();
    for (int[] at : cues.getOrDefault(CueKind.DISMISS, List.of())) {
      if (at[1] < m.start()
          && m.start() - at[1] <= DISMISS_BEFORE
          && tokens.get(at[1]).clause() == clause) {
        return true;
      }
    }
    int endClause = tokens.get(m.end()).clause();
    // "how many milliseconds I have?" asks: a question word before the topic in its clause
    for (int i = m.start(); i >= 0 && tokens.get(i).clause() == clause; i--) {
      if (Words.WH_OPENERS.contains(tokens.get(i).raw())) {
        return false;
      }
    }
    for (int[] at : cues.getOrDefault(CueKind.DISMISS_AFTER, List.of())) {
      if (at[0] > m.end()
          && at[0] - m.end() <= DISMISS_AFTER
          && tokens.get(at[0]).clause() == endClause) {
        return true;
      }
    }
    return false;
  }
}

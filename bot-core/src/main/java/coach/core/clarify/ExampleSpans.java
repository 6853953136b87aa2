package coach.core.clarify;

import static coach.core.clarify.Words.NEW_PART;
import static coach.core.clarify.Words.OPTION_WORDS;
import static coach.core.clarify.Words.asksOn;
import static coach.core.clarify.Words.opensPart;

import coach.core.coverage.TextAnalysis;
import coach.core.coverage.Token;
import java.util.List;
import java.util.Map;

/**
 * Where a sentence spells out examples or options instead of asking them: the examples after
 * "like", a colon, a dash or a bracket ("What is the goal: conversion, revenue, or retention?"),
 * and a later clause that lists options ("..., nights booked or host earnings?"). Stateless apart
 * from the shared {@link TextAnalysis}; thread-safe.
 */
final class ExampleSpans {

  private final TextAnalysis analysis;

  ExampleSpans(TextAnalysis analysis) {
    this.analysis = analysis;
  }

  /**
   * How near after a bracket, colon or dash a hedge (an assumption) or a self-correction opens, for
   * what follows not to be examples.
   */
  private static final int MARK_REACH = 2;

  private static final java.util.regex.Pattern EXAMPLES_MARK =
      java.util.regex.Pattern.compile(":|\\s[-–—]+\\s|—|\\(");

  /**
   * Where examples run, as {first token, token after the last}: from "like", "such as", or after a
   * colon, a dash or a bracket (unless a new question starts there: "... volume - and how fast?")
   * up to a closing bracket or a later clause that asks on (", and which team ..."); {-1, -1} when
   * nowhere.
   */
  int[] elaboration(String text, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    int start = elaborationStart(text, tokens, cues);
    if (start < 0) {
      return new int[] {-1, -1};
    }
    int end = tokens.size();
    int open = text.indexOf('(');
    int close = open < 0 ? -1 : text.indexOf(')', open);
    if (close > 0 && analysis.tokens(text.substring(0, open)).size() == start) {
      end = analysis.tokens(text.substring(0, close)).size();
    }
    for (int i = start + 1; i < end; i++) {
      if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
        end = i;
      }
    }
    // "... - sorry, I mean how many transactions?" corrects rather than gives examples
    for (int[] at : cues.getOrDefault(CueKind.CORRECTION, List.of())) {
      if (at[0] > start && at[0] < end) {
        end = at[0];
      }
    }
    return new int[] {start, end};
  }

  private int elaborationStart(String text, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    int start = -1;
    for (int[] at : cues.getOrDefault(CueKind.ELABORATION, List.of())) {
      // "and like how many leave?" goes on asking; "like 10 MB?" gives an example
      boolean goesOn =
          (at[1] + 1 < tokens.size() && opensPart(tokens.get(at[1] + 1).raw()))
              || (at[0] > 0 && NEW_PART.contains(tokens.get(at[0] - 1).raw()));
      // "is there, like, a hard deadline": a filler set off by commas gives no example
      boolean filler =
          at[0] == at[1]
              && at[0] > 0
              && at[1] + 1 < tokens.size()
              && tokens.get(at[0] - 1).clause() != tokens.get(at[0]).clause()
              && tokens.get(at[1] + 1).clause() != tokens.get(at[1]).clause();
      if (at[0] > 0 && !goesOn && !filler && (start < 0 || at[0] < start)) {
        start = at[0];
      }
    }
    java.util.regex.Matcher mark = EXAMPLES_MARK.matcher(text);
    if (mark.find()) {
      int before = analysis.tokens(text.substring(0, mark.start())).size();
      List<Token> after = analysis.tokens(text.substring(mark.end()));
      boolean newPart =
          (!after.isEmpty() && opensPart(after.get(0).raw()))
              || cues.getOrDefault(CueKind.CORRECTION, List.of()).stream()
                  .anyMatch(at -> at[0] >= before && at[0] <= before + MARK_REACH);
      // "(I'm assuming 15k SKUs x 20 warehouses, correct?)" offers an assumption and asks to
      // confirm it
      int close = mark.group().equals("(") ? text.indexOf(')', mark.end()) : -1;
      int askedBy = text.indexOf('?', mark.end());
      boolean assumption =
          askedBy >= 0
              && (close < 0 || askedBy < close)
              && cues.getOrDefault(CueKind.HEDGE, List.of()).stream()
                  .anyMatch(at -> at[0] >= before && at[0] <= before + MARK_REACH);
      if (before > 0 && !newPart && !assumption && (start < 0 || before < start)) {
        start = before;
      }
    }
    return start;
  }

  /**
   * The first token of the first later clause that lists options ("..., X or Y") and does not open
   * a new part ("..., or is it ...", "..., and how many ..."); -1 when none.
   */
  static int optionsClauseStart(List<Token> tokens) {
    for (int i = 1; i < tokens.size(); i++) {
      if (tokens.get(i).clause() == tokens.get(i - 1).clause()) {
        continue;
      }
      // "..., cut stockouts, or overall margin?" ends a list; "..., or is it ..." asks on
      if (OPTION_WORDS.contains(tokens.get(i).raw())
          && i + 1 < tokens.size()
          && tokens.get(i + 1).clause() == tokens.get(i).clause()
          && !opensPart(tokens.get(i + 1).raw())) {
        return i;
      }
      if (opensPart(tokens.get(i).raw())) {
        continue;
      }
      int clause = tokens.get(i).clause();
      for (int j = i; j < tokens.size() && tokens.get(j).clause() == clause; j++) {
        if (OPTION_WORDS.contains(tokens.get(j).raw()) && j > i) {
          return i;
        }
      }
    }
    return -1;
  }
}

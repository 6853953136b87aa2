package coach.core.coverage;

import coach.core.coverage.LexiconCompiler.Rule;
import coach.core.curriculum.Concept;
import coach.core.curriculum.ConceptKind;
import coach.core.curriculum.Curriculum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lexicon's concept patterns, compiled into rules, and which concepts they find in one
 * sentence's tokens: a concept is found when one of its patterns matches (in the answer's section
 * when the pattern is restricted), survives the sentence's cues and keeps clear of the concept's
 * excludes. Built once per detector; thread-safe.
 */
final class ConceptMatcher {

  /**
   * An exclude written {@code "near: ..."} vetoes only matches within {@link
   * RuleSpans#EXCLUDE_REACH} tokens of its words; any other vetoes its concept for the whole
   * sentence.
   */
  private static final String NEAR = "near:";

  private final BitSet nearExcludes = new BitSet();
  private final Map<String, ConceptKind> kinds = new HashMap<>();
  private final List<Rule> rules;
  private final PhraseIndex<int[]> ruleIndex = new PhraseIndex<>();

  /**
   * Compiles every concept's patterns and excludes with {@code compiler} (which thereby learns
   * their words).
   *
   * @throws IllegalStateException when the lexicon names a concept the curriculum lacks, or a
   *     pattern is malformed
   */
  ConceptMatcher(Curriculum curriculum, Lexicon lexicon, LexiconCompiler compiler) {
    for (Concept concept : curriculum.concepts()) {
      kinds.put(concept.id(), concept.kind());
    }
    List<Rule> compiled = new ArrayList<>();
    for (var entry : lexicon.concepts().entrySet()) {
      ConceptKind kind = kinds.get(entry.getKey());
      if (kind == null) {
        throw new IllegalStateException("lexicon: unknown concept " + entry.getKey());
      }
      for (String pattern : entry.getValue().patterns()) {
        compiled.addAll(compiler.compile(entry.getKey(), kind, pattern, false));
      }
      for (String pattern : entry.getValue().exclude()) {
        boolean near = pattern.startsWith(NEAR);
        List<Rule> excludes =
            compiler.compile(
                entry.getKey(), kind, near ? pattern.substring(NEAR.length()) : pattern, true);
        for (int i = 0; i < excludes.size(); i++) {
          if (near) {
            nearExcludes.set(compiled.size() + i);
          }
        }
        compiled.addAll(excludes);
      }
    }
    this.rules = List.copyOf(compiled);
    for (int r = 0; r < rules.size(); r++) {
      List<List<Phrase>> groups = rules.get(r).groups();
      for (int g = 0; g < groups.size(); g++) {
        for (Phrase phrase : groups.get(g)) {
          ruleIndex.add(phrase, new int[] {r, g});
        }
      }
    }
  }

  /**
   * The concepts whose patterns match in {@code tokens} whatever the sentence's cues: what it
   * names, stated or not.
   */
  Set<String> named(List<Token> tokens, Optional<String> sectionId) {
    return conceptsIn(tokens, RuleSpans.IGNORE_CUES, sectionId, null, null);
  }

  /**
   * Concepts a denying sentence names without covering them: their patterns match once the cues are
   * ignored. A risk concept counts only when dismissed ("leakage isn't a concern"), since a negated
   * risk ("no leakage: ...") is covered.
   */
  Set<String> dismissedIn(
      List<Token> tokens, CueMarks marks, Optional<String> sectionId, Set<String> found) {
    Set<String> all = conceptsIn(tokens, null, sectionId, null, null);
    Set<String> dismissed = new HashSet<>();
    for (String id : all) {
      if (found.contains(id)) {
        continue;
      }
      ConceptKind kind = kinds.get(id);
      if (kind == ConceptKind.PRACTICE || marks.has(Cue.DISMISSAL) || marks.has(Cue.RETRACTION)) {
        dismissed.add(id);
      }
    }
    return dismissed;
  }

  /**
   * The concepts found in {@code tokens}. With {@code marks}, a match must survive them and an
   * exclude vetoes only where it is not itself negated; with null marks, cues are ignored
   * altogether. When {@code why} is given, records for each concept found (unless it already has an
   * entry) the pattern that found it and {@code sentence}.
   */
  Set<String> conceptsIn(
      List<Token> tokens,
      CueMarks marks,
      Optional<String> sectionId,
      Map<String, String> why,
      String sentence) {
    // spans[rule][group]: where each group of each rule matched; touched: the rules that did
    @SuppressWarnings("unchecked")
    List<int[]>[][] spans = new List[rules.size()][];
    int[] touched = new int[8];
    int[] touchedCount = {0};
    for (int position = 0; position < tokens.size(); position++) {
      int start = position;
      int[][] grow = {touched};
      ruleIndex.forEachMatch(
          tokens,
          position,
          (ref, length) -> {
            List<int[]>[] byGroup = spans[ref[0]];
            if (byGroup == null) {
              @SuppressWarnings("unchecked")
              List<int[]>[] fresh = new List[rules.get(ref[0]).groups().size()];
              byGroup = spans[ref[0]] = fresh;
              if (touchedCount[0] == grow[0].length) {
                grow[0] = Arrays.copyOf(grow[0], grow[0].length * 2);
              }
              grow[0][touchedCount[0]++] = ref[0];
            }
            if (byGroup[ref[1]] == null) {
              byGroup[ref[1]] = new ArrayList<>(2);
            }
            byGroup[ref[1]].add(new int[] {start, start + length - 1});
          });
      touched = grow[0];
    }
    if (touchedCount[0] == 0) {
      return Set.of();
    }
    int[] matchedRules = Arrays.copyOf(touched, touchedCount[0]);
    Arrays.sort(matchedRules);
    Set<String> found = new HashSet<>();
    // where each concept's excludes matched; a sentence-wide veto is the whole sentence
    Map<String, List<int[]>> vetoes = new HashMap<>();
    int[] wholeSentence = {
      -tokens.size() - RuleSpans.EXCLUDE_REACH, 2 * tokens.size() + RuleSpans.EXCLUDE_REACH
    };
    Map<String, String> sources = why == null ? null : new HashMap<>();
    for (int r : matchedRules) {
      Rule rule = rules.get(r);
      if (rule.exclude() && appliesTo(rule, sectionId)) {
        List<int[]> at = new ArrayList<>();
        RuleSpans.addExcludeSpans(
            rule, marks == null ? spans[r] : RuleSpans.unnegated(spans[r], marks), at);
        if (!at.isEmpty()) {
          vetoes
              .computeIfAbsent(rule.conceptId(), k -> new ArrayList<>())
              .addAll(nearExcludes.get(r) ? at : List.of(wholeSentence));
        }
      }
    }
    for (int r : matchedRules) {
      Rule rule = rules.get(r);
      if (rule.exclude() || !appliesTo(rule, sectionId) || found.contains(rule.conceptId())) {
        continue;
      }
      boolean matched =
          RuleSpans.matches(
              rule,
              spans[r],
              marks == null ? RuleSpans.IGNORE_CUES : marks,
              vetoes.getOrDefault(rule.conceptId(), List.of()));
      if (matched) {
        found.add(rule.conceptId());
        if (why != null) {
          sources.put(rule.conceptId(), rule.source() + " | " + sentence);
        }
      }
    }
    if (why != null) {
      found.forEach(id -> why.putIfAbsent(id, sources.get(id)));
    }
    return found;
  }

  private static boolean appliesTo(Rule rule, Optional<String> sectionId) {
    return rule.sections().isEmpty()
        || (sectionId.isPresent() && rule.sections().contains(sectionId.get()));
  }
}

package coach.core.coverage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Dictionary-gated spelling repair: a word that is neither English (per a shipped word list) nor in
 * the lexicon is replaced by the one lexicon word within one edit (two for words of eight letters
 * or more; a swap of neighbours counts as one edit). Real English words are never changed, so
 * "table" never becomes "label"; a tie goes to the one candidate keeping the first letter, else the
 * word stays as it is. Thread-safe.
 */
public final class TypoRepair {

  private static final String WORDS = "coverage/english-words.txt.gz";

  private static final int CACHE_LIMIT = 50_000;

  private final Set<String> english;
  private final Set<String> vocabulary;

  /** Every vocabulary word under each of its deletions (symmetric-delete lookup). */
  private final Map<String, List<String>> byDeletion = new HashMap<>();

  private final List<String> prefixes;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public TypoRepair(Set<String> vocabulary, Set<String> prefixes) {
    this.english = loadEnglish();
    this.vocabulary = Set.copyOf(vocabulary);
    for (String word : vocabulary) {
      if (word.length() >= 4 && isLetters(word)) {
        for (String deletion : deletions(word, limitFor(word))) {
          byDeletion.computeIfAbsent(deletion, k -> new ArrayList<>(1)).add(word);
        }
      }
    }
    this.prefixes = prefixes.stream().filter(p -> p.length() >= 5).toList();
  }

  private static int limitFor(String word) {
    return word.length() >= 8 ? 2 : 1;
  }

  /** The word and every string made by deleting up to {@code limit} of its letters. */
  private static Set<String> deletions(String word, int limit) {
    Set<String> out = new HashSet<>();
    out.add(word);
    Set<String> frontier = Set.of(word);
    for (int round = 0; round < limit; round++) {
      Set<String> next = new HashSet<>();
      for (String text : frontier) {
        for (int i = 0; i < text.length(); i++) {
          next.add(text.substring(0, i) + text.substring(i + 1));
        }
      }
      out.addAll(next);
      frontier = next;
    }
    return out;
  }

  /** The repaired form of a lowercase word, or the word itself. */
  public String repair(String word) {
    if (word.length() < 4
        || vocabulary.contains(word)
        || english.contains(word)
        || !isLetters(word)
        || (word.endsWith("s") && english.contains(word.substring(0, word.length() - 1)))) {
      return word;
    }
    String cached = cache.get(word);
    if (cached != null) {
      return cached;
    }
    // a word a lexicon prefix matches as it is ("upweight" for "upweight*") is no typo
    String repaired = startsWithPrefix(word) ? word : lookUp(word);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(word, repaired);
    return repaired;
  }

  private boolean startsWithPrefix(String word) {
    for (String prefix : prefixes) {
      if (word.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private String lookUp(String word) {
    int limit = limitFor(word);
    List<String> best = new ArrayList<>();
    int bestDistance = Integer.MAX_VALUE;
    Set<String> tried = new HashSet<>();
    for (String deletion : deletions(word, limit)) {
      List<String> candidates = byDeletion.get(deletion);
      if (candidates == null) {
        continue;
      }
      for (String candidate : candidates) {
        if (!tried.add(candidate)) {
          continue;
        }
        int distance = distance(word, candidate, limit);
        if (distance > limit || distance > bestDistance) {
          continue;
        }
        if (distance < bestDistance) {
          best.clear();
          bestDistance = distance;
        }
        best.add(candidate);
      }
    }
    if (best.size() == 1) {
      return best.get(0);
    }
    // a tie: typos rarely hit the first letter, so prefer the one candidate that keeps it
    List<String> sameStart = best.stream().filter(c -> c.charAt(0) == word.charAt(0)).toList();
    if (sameStart.size() == 1) {
      return sameStart.get(0);
    }
    for (String prefix : prefixes) {
      if (word.length() > prefix.length()
          && distance(word.substring(0, prefix.length()), prefix, 1) == 1
          && !word.startsWith(prefix)) {
        return prefix + word.substring(prefix.length());
      }
    }
    return word;
  }

  private static boolean isLetters(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) < 'a' || word.charAt(i) > 'z') {
        return false;
      }
    }
    return true;
  }

  /** Optimal-string-alignment distance, or {@code limit + 1} once it is sure to exceed limit. */
  static int distance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > limit) {
      return limit + 1;
    }
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
    }
    return d[n][m];
  }

  private static Set<String> loadEnglish() {
    InputStream raw = TypoRepair.class.getClassLoader().getResourceAsStream(WORDS);
    if (raw == null) {
      throw new IllegalStateException(WORDS + " is missing from the class path");
    }
    Set<String> words = new HashSet<>(100_000);
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        words.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  /** For tests: the words of a sentence, repaired. */
  List<String> repairAll(List<String> words) {
    List<String> out = new ArrayList<>();
    words.forEach(w -> out.add(repair(w)));
    return out;
  }

  /**
   * The tokens with every misspelled word repaired and re-stemmed by {@code analysis}; the same
   * list when nothing needed repair.
   */
  public java.util.List<Token> repaired(java.util.List<Token> tokens, TextAnalysis analysis) {
    java.util.List<Token> out = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String fixed = repair(token.raw());
      if (!fixed.equals(token.raw())) {
        if (out == null) {
          out = new java.util.ArrayList<>(tokens);
        }
        out.set(i, new Token(fixed, analysis.stem(fixed), token.clause()));
      }
    }
    return out == null ? tokens : out;
  }
}

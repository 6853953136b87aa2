package coach.core.coverage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Finds which of many phrases start at a token without trying them all. Phrases are indexed by
 * their first word: its exact stem (by the first two stems when both are exact, since many phrases
 * start with the same common word), its literal raw form, or a prefix's first three letters.
 * Phrases starting with any number are tried at numbers only; only phrases starting with a regular
 * expression or any word are tried at every token.
 *
 * @param <T> what each phrase carries
 */
public final class PhraseIndex<T> {

  private record Entry<T>(Phrase phrase, T payload) {}

  private final Map<String, List<T>> oneWord = new HashMap<>();
  private final Map<String, List<Entry<T>>> byWord = new HashMap<>();
  private final Map<String, Map<String, List<Entry<T>>>> byTwoWords = new HashMap<>();
  private final Map<String, List<Entry<T>>> byRaw = new HashMap<>();
  private final Map<String, List<Entry<T>>> byPrefix = new HashMap<>();
  private final List<Entry<T>> atNumbers = new ArrayList<>();
  private final List<Entry<T>> scanned = new ArrayList<>();

  public void add(Phrase phrase, T payload) {
    Entry<T> entry = new Entry<>(phrase, payload);
    Phrase.Element first = phrase.elements().get(0);
    if (first instanceof Phrase.Exact exact && phrase.length() == 1) {
      // a one-word phrase matches wherever its stem is: nothing left to test
      oneWord.computeIfAbsent(exact.stem(), k -> new ArrayList<>()).add(payload);
    } else if (first instanceof Phrase.Exact exact
        && phrase.length() > 1
        && phrase.elements().get(1) instanceof Phrase.Exact second) {
      // many phrases start with the same common word ("we", "no"): index those by two words
      byTwoWords
          .computeIfAbsent(exact.stem(), k -> new HashMap<>())
          .computeIfAbsent(second.stem(), k -> new ArrayList<>())
          .add(entry);
    } else if (first instanceof Phrase.Exact exact) {
      // the same analyser made both stems, so equal words have equal stems
      byWord.computeIfAbsent(exact.stem(), k -> new ArrayList<>()).add(entry);
    } else if (first instanceof Phrase.Literal literal) {
      byRaw.computeIfAbsent(literal.raw(), k -> new ArrayList<>()).add(entry);
    } else if (first instanceof Phrase.AnyNumber) {
      atNumbers.add(entry);
    } else if (first instanceof Phrase.Prefix prefix) {
      byPrefix.computeIfAbsent(prefix.prefix().substring(0, 3), k -> new ArrayList<>()).add(entry);
    } else {
      scanned.add(entry);
    }
  }

  /** Calls {@code action} with every phrase that matches at {@code position}, and its length. */
  public void forEachMatch(List<Token> tokens, int position, BiConsumer<T, Integer> action) {
    Token token = tokens.get(position);
    List<T> words = oneWord.get(token.stem());
    if (words != null) {
      for (T payload : words) {
        action.accept(payload, 1);
      }
    }
    tryAll(byWord.get(token.stem()), tokens, position, action);
    if (position + 1 < tokens.size()) {
      Map<String, List<Entry<T>>> second = byTwoWords.get(token.stem());
      if (second != null) {
        tryAll(second.get(tokens.get(position + 1).stem()), tokens, position, action);
      }
    }
    tryAll(byRaw.get(token.raw()), tokens, position, action);
    if (token.isNumber()) {
      tryAll(atNumbers, tokens, position, action);
    }
    if (token.raw().length() >= 3) {
      tryAll(byPrefix.get(token.raw().substring(0, 3)), tokens, position, action);
    }
    if (token.stem().length() >= 3 && !token.stem().regionMatches(0, token.raw(), 0, 3)) {
      tryAll(byPrefix.get(token.stem().substring(0, 3)), tokens, position, action);
    }
    tryAll(scanned, tokens, position, action);
  }

  private static <T> void tryAll(
      List<Entry<T>> entries, List<Token> tokens, int position, BiConsumer<T, Integer> action) {
    if (entries == null) {
      return;
    }
    for (Entry<T> entry : entries) {
      if (entry.phrase().matchesAt(tokens, position)) {
        action.accept(entry.payload(), entry.phrase().length());
      }
    }
  }

  /** Whether any phrase matches anywhere in {@code tokens}. */
  public boolean matchesAnywhere(List<Token> tokens) {
    boolean[] found = {false};
    for (int i = 0; i < tokens.size() && !found[0]; i++) {
      forEachMatch(tokens, i, (payload, length) -> found[0] = true);
    }
    return found[0];
  }
}

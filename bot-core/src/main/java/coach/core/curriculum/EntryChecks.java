package coach.core.curriculum;

import coach.core.curriculum.CurriculumLoader.RefEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks single fields of curriculum entries: ids, required texts, the index's file names and
 * references to episodes. Every failure is a {@link CurriculumException} whose message names the
 * file (under the root label), the entry and the problem.
 */
final class EntryChecks {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern TIMESTAMP = Pattern.compile("(\\d{1,2}:)?\\d{1,2}:\\d{2}");

  private final String rootLabel;

  /** Checks whose errors prefix file names with {@code rootLabel}. */
  EntryChecks(String rootLabel) {
    this.rootLabel = rootLabel;
  }

  /** {@code file} as errors name it. */
  String label(String file) {
    return rootLabel + file;
  }

  /** The error for {@code problem} with the entry {@code where} of {@code file}. */
  CurriculumException error(String file, String where, String problem) {
    return new CurriculumException(label(file) + ": " + where + ": " + problem);
  }

  /** {@code id} when it is a well-formed id (lowercase, digits, '_' and '-'). */
  String id(String id, String file, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw error(file, what, "has a missing or malformed id '" + id + "'");
    }
    return id;
  }

  /** {@code value} stripped, when it is not missing or blank. */
  String text(String value, String file, String where, String field) {
    if (value == null || value.isBlank()) {
      throw error(file, where, "'" + field + "' is missing or empty");
    }
    return value.strip();
  }

  /** Fails unless the index names the file for {@code field}. */
  void require(String value, String file, String field) {
    if (value == null || value.isBlank()) {
      throw error(file, "the index", "'" + field + "' is missing");
    }
  }

  /**
   * The references of an entry (none when {@code entries} is null): each names a known episode and
   * at most a {@code mm:ss} or {@code h:mm:ss} timestamp.
   */
  List<Reference> refs(
      List<RefEntry> entries, Map<String, Episode> episodes, String file, String where) {
    if (entries == null) {
      return List.of();
    }
    List<Reference> refs = new ArrayList<>();
    for (RefEntry ref : entries) {
      Episode episode = episodes.get(ref.episode());
      if (episode == null) {
        throw error(file, where, "refers to an unknown episode '" + ref.episode() + "'");
      }
      Optional<String> at = Optional.ofNullable(ref.at()).map(String::strip);
      if (at.isPresent() && !TIMESTAMP.matcher(at.get()).matches()) {
        throw error(file, where, "timestamp '" + at.get() + "' is not mm:ss or h:mm:ss");
      }
      refs.add(
          new Reference(
              episode,
              at,
              Optional.ofNullable(ref.about()).map(String::strip).filter(s -> !s.isEmpty())));
    }
    return refs;
  }
}

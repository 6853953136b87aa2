package coach.core.curriculum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the curriculum's YAML files from a {@link CurriculumLoader.Source} into their raw shapes,
 * strictly: an unknown field or a null for a primitive is an error. A missing, unparsable or empty
 * file is a {@link CurriculumException} naming it (and the line, when known); a failure to read one
 * is an {@link UncheckedIOException}.
 */
final class CurriculumFiles {

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final CurriculumLoader.Source source;
  private final EntryChecks checks;

  CurriculumFiles(CurriculumLoader.Source source, EntryChecks checks) {
    this.source = source;
    this.checks = checks;
  }

  /** A file holding one entry of {@code type}. */
  <T> T read(String file, Class<T> type) {
    return parse(file, yaml.constructType(type), value -> value == null, "is empty");
  }

  /** A file holding a non-empty list of entries of {@code type}. */
  <T> List<T> readList(String file, Class<T> type) {
    JavaType listType = yaml.getTypeFactory().constructCollectionType(List.class, type);
    return parse(
        file, listType, (List<T> value) -> value == null || value.isEmpty(), "holds no entries");
  }

  private <T> T parse(String file, JavaType type, Predicate<T> missing, String problem) {
    try (InputStream in = open(file)) {
      T value = yaml.readValue(in, type);
      if (missing.test(value)) {
        throw checks.error(file, "the file", problem);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw checks.error(
          file, "the file", "cannot be read: " + e.getOriginalMessage() + locationOf(e));
    } catch (IOException e) {
      throw new UncheckedIOException(checks.label(file) + ": " + e.getMessage(), e);
    }
  }

  private InputStream open(String file) throws IOException {
    InputStream in = source.open(file);
    if (in == null) {
      throw new CurriculumException(checks.label(file) + ": file not found");
    }
    return in;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}

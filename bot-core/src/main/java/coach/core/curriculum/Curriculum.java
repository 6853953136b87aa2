package coach.core.curriculum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole curriculum, validated: sections in interview order, concepts, prompts, fact topics and
 * episodes. The built-in curriculum is immutable; prompts a team writes ({@link #addCustom}) are
 * found by {@link #prompt} beside it. Safe to share between threads. Load it with {@link
 * CurriculumLoader}.
 */
public final class Curriculum {

  private final List<Section> sections;
  private final List<Concept> concepts;
  private final List<Prompt> prompts;
  private final List<FactTopic> factTopics;
  private final Map<String, Section> sectionsById;
  private final Map<String, Concept> conceptsById;
  private final Map<String, Prompt> promptsById;
  private final Map<String, List<Concept>> conceptsBySection;
  private final Map<String, Prompt> custom = new java.util.concurrent.ConcurrentHashMap<>();

  Curriculum(
      List<Section> sections,
      List<Concept> concepts,
      List<Prompt> prompts,
      List<FactTopic> factTopics) {
    this.sections = List.copyOf(sections);
    this.concepts = List.copyOf(concepts);
    this.prompts = List.copyOf(prompts);
    this.factTopics = List.copyOf(factTopics);
    this.sectionsById = index(sections, Section::id);
    this.conceptsById = index(concepts, Concept::id);
    this.promptsById = index(prompts, Prompt::id);
    this.conceptsBySection =
        concepts.stream()
            .collect(
                Collectors.groupingBy(
                    Concept::sectionId, LinkedHashMap::new, Collectors.toUnmodifiableList()));
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(item -> map.put(id.apply(item), item));
    return Map.copyOf(map);
  }

  /** The sections in interview order. */
  public List<Section> sections() {
    return sections;
  }

  /** Every concept, in curriculum order (grouped by home section). */
  public List<Concept> concepts() {
    return concepts;
  }

  /**
   * Adds or replaces a prompt a team wrote. It is found by {@link #prompt} but not listed in {@link
   * #prompts()}, which stays the built-in curriculum.
   */
  public void addCustom(Prompt prompt) {
    if (promptsById.containsKey(prompt.id())) {
      throw new IllegalArgumentException(prompt.id() + " is a built-in prompt");
    }
    custom.put(prompt.id(), prompt);
  }

  public void removeCustom(String id) {
    custom.remove(id);
  }

  /** The built-in prompts, in curriculum order. */
  public List<Prompt> prompts() {
    return prompts;
  }

  public List<FactTopic> factTopics() {
    return factTopics;
  }

  public Optional<Section> section(String id) {
    return Optional.ofNullable(sectionsById.get(id));
  }

  public Optional<Concept> concept(String id) {
    return Optional.ofNullable(conceptsById.get(id));
  }

  /** A built-in prompt, or one a team added. */
  public Optional<Prompt> prompt(String id) {
    Prompt builtIn = promptsById.get(id);
    return Optional.ofNullable(builtIn != null ? builtIn : custom.get(id));
  }

  /** The section at a 0-based position in interview order. */
  public Section section(int index) {
    return sections.get(index);
  }

  /** The concepts a prompt exercises (all but its out-of-scope ones), in curriculum order. */
  public List<Concept> conceptsFor(Prompt prompt) {
    return concepts.stream().filter(c -> prompt.exercises(c.id())).toList();
  }

  /** The concepts of a section that a prompt exercises, in curriculum order. */
  public List<Concept> conceptsOf(Section section, Prompt prompt) {
    return conceptsOf(section).stream().filter(c -> prompt.exercises(c.id())).toList();
  }

  /** The concepts whose home is the given section, in curriculum order. */
  public List<Concept> conceptsOf(Section section) {
    return conceptsBySection.getOrDefault(section.id(), List.of());
  }
}

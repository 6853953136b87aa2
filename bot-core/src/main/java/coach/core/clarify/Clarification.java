package coach.core.clarify;

import java.util.Optional;

/**
 * The interviewer's reply to one part of a clarifying question: the topic asked about, its name,
 * and the prompt's fact on it; an empty fact means the prompt leaves the topic open (the caller
 * then says it is not pinned down and asks the candidate to state an assumption).
 */
public record Clarification(String topicId, String topicName, Optional<String> fact) {}

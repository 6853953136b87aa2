package coach.core.curriculum;

/** What the interviewer answers, for one prompt, when asked about a topic. */
public record InterviewerFact(FactTopic topic, String answer) {}

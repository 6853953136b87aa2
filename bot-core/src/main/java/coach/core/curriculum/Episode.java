package coach.core.curriculum;

/** A podcast episode the curriculum cites as "learn more". */
public record Episode(String id, String title, String guest) {}

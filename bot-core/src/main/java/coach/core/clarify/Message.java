package coach.core.clarify;

import java.util.List;

/**
 * A whole message, read: its sentences, which of them plainly ask (a question mark, a question
 * word, "tell me ..."), and which may ask (anything but a plain statement, an opinion or a
 * rhetorical question: terse writers drop question marks, "dau + candidate pool size per day").
 */
record Message(List<Reading> sentences, List<Boolean> asking, List<Boolean> inquiring) {}

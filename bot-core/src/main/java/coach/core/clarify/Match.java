package coach.core.clarify;

import java.util.BitSet;

/**
 * Where a topic pattern matched in a sentence: the topic, the pattern's priority (0 weak, 1 plain,
 * 2 strong; -1 for a whole-clause exclude), the first and last token, the tokens it read, and a
 * line saying why (for tuning).
 */
record Match(String topic, int priority, int start, int end, BitSet words, String why) {}

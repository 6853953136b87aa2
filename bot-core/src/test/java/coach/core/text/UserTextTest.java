package coach.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {

  @Test
  void removesControlCharactersButKeepsLinesTabsEmojiAndRightToLeftText() {
    var cleaned = UserText.clean("\u0000a\u0007b\r\nc\rd\te 🚀 שלום مرحبا\u001b");
    assertThat(cleaned.text()).isEqualTo("ab\nc\nd\te 🚀 שלום مرحبا");
    assertThat(cleaned.truncated()).isFalse();
  }

  @Test
  void dropsLoneSurrogatesAndNormalises() {
    assertThat(UserText.clean("a\uD800b\uDC00c").text()).isEqualTo("abc");
    assertThat(UserText.clean("e\u0301").text()).isEqualTo("\u00e9");
  }

  @Test
  void cutsAtTheLimitWithoutSplittingAnEmoji() {
    String text = "a".repeat(UserText.MAX_CHARS - 1) + "😀tail";
    var cleaned = UserText.clean(text);
    assertThat(cleaned.truncated()).isTrue();
    assertThat(cleaned.text()).hasSize(UserText.MAX_CHARS - 1);
    assertThat(cleaned.originalLength()).isEqualTo(text.length());
  }

  @Test
  void nullAndBlankAreEmpty() {
    assertThat(UserText.clean(null).isEmpty()).isTrue();
    assertThat(UserText.clean(" \n\t ").isEmpty()).isTrue();
    assertThat(UserText.wordCount("  two   words ")).isEqualTo(2);
    assertThat(UserText.wordCount("")).isZero();
  }
}

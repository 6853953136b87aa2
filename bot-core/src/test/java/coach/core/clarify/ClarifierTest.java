package coach.core.clarify;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.Prompt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The clarifier on the questions it used to get wrong, and on its structural rules. */
class ClarifierTest {

  private static final Clarifier CLARIFIER = Clarifier.create();
  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  private static Prompt prompt(String id) {
    return CURRICULUM.prompt(id).orElseThrow();
  }

  private static List<String> topics(String text) {
    return CLARIFIER.topics(text);
  }

  // --- the failures reported against the old substring cues, in their words -------------------

  @Test
  void churnDefinitionQuestionsGetTheLabelFact() {
    for (String question : List.of("How is churn defined?", "What counts as churn?")) {
      List<Clarification> reply = CLARIFIER.answer(prompt("churn-prediction"), question);
      assertThat(reply).extracting(Clarification::topicId).as(question).containsExactly("labels");
      assertThat(reply.get(0).fact())
          .contains(prompt("churn-prediction").fact("labels").orElseThrow().answer());
    }
  }

  @Test
  void theSizeOfTheTeamWorkingTheListIsNotAccountVolume() {
    List<Clarification> reply =
        CLARIFIER.answer(prompt("churn-prediction"), "How big is the customer success team?");
    assertThat(reply).extracting(Clarification::topicId).containsExactly("review_capacity");
    assertThat(reply.get(0).fact()).get().asString().contains("80 a day");
  }

  @Test
  void howCommonFraudIsIsAboutLabels() {
    List<Clarification> reply =
        CLARIFIER.answer(prompt("fraud-checkout"), "What fraud rate do we see?");
    assertThat(reply).extracting(Clarification::topicId).containsExactly("labels");
    assertThat(reply.get(0).fact()).get().asString().contains("0.1% of payments");
  }

  @Test
  void usingPersonalDetailsIsAboutPrivacy() {
    assertThat(topics("Can we use the card holder's name and address?")).containsExactly("privacy");
  }

  @Test
  void oldPhonesAreADeviceLimit() {
    List<Clarification> reply =
        CLARIFIER.answer(prompt("on-device-ml"), "How old are the phones we need to support?");
    assertThat(reply).extracting(Clarification::topicId).containsExactly("device");
  }

  @Test
  void whichUseCaseIsAnsweredFromTheGoal() {
    List<Clarification> reply =
        CLARIFIER.answer(prompt("on-device-ml"), "keyboard suggestions or photo tagging?");
    assertThat(reply).extracting(Clarification::topicId).containsExactly("goal");
    assertThat(reply.get(0).fact()).get().asString().contains("type faster");
  }

  // --- several parts ----------------------------------------------------------------------------

  @Test
  void everyPartOfAQuestionIsAnsweredInOrder() {
    List<Clarification> reply =
        CLARIFIER.answer(prompt("fraud-checkout"), "what volume, and how fast must it decide?");
    assertThat(reply).extracting(Clarification::topicId).containsExactly("scale", "latency");
    assertThat(reply).allSatisfy(r -> assertThat(r.fact()).isPresent());
    assertThat(topics("How is churn defined, and when do we know?"))
        .containsExactly("labels", "label_delay");
    assertThat(
            topics(
                "How many tickets a day, how quickly must they be routed, and who reads the urgent"
                    + " flags?"))
        .containsExactly("scale", "latency", "users");
  }

  @Test
  void aTopicThePromptLeavesOpenHasNoFact() {
    List<Clarification> reply =
        CLARIFIER.answer(prompt("churn-prediction"), "How old are the phones we need to support?");
    assertThat(prompt("churn-prediction").fact("device")).isEmpty();
    assertThat(reply)
        .containsExactly(new Clarification("device", "Device limits", Optional.empty()));
  }

  // --- negation, premises, examples -------------------------------------------------------------

  @Test
  void aTopicSetAsideIsNotAsked() {
    assertThat(topics("I don't need the latency, just the volume")).containsExactly("scale");
    assertThat(topics("Forget the team size, who actually reads the urgent flags?"))
        .containsExactly("users");
    assertThat(topics("I know the latency budget already, so what's the query volume?"))
        .containsExactly("scale");
  }

  @Test
  void aNegatedQuestionStillAsks() {
    assertThat(topics("Is there no feature store yet?")).containsExactly("infrastructure");
    assertThat(topics("Don't we have any labels for this?")).containsExactly("labels");
  }

  @Test
  void examplesAfterTheQuestionAreNotAskedThemselves() {
    assertThat(topics("What is the goal: conversion rate, revenue per search, or retention?"))
        .containsExactly("goal");
  }

  @Test
  void aStoryBeforeTheQuestionGivesContextOnly() {
    assertThat(
            topics(
                "At my old job the returns desk got swamped after Christmas, so does the number"
                    + " of tickets jump after launches?"))
        .containsExactly("scale");
  }

  // --- typos ------------------------------------------------------------------------------------

  @Test
  void typosAreRepairedAgainstTheLexicon() {
    assertThat(topics("300k listngs?")).containsExactly("scale");
    assertThat(topics("whats the latncy budgt?")).contains("latency");
    assertThat(topics("how is chrun definde?")).containsExactly("labels");
  }

  // --- question or not --------------------------------------------------------------------------

  @Test
  void clarifyingQuestionsIncludeAssumptionsPutForConfirmation() {
    assertThat(CLARIFIER.isClarifyingQuestion("300k listngs?")).isTrue();
    assertThat(CLARIFIER.isClarifyingQuestion("I'll assume 5M a day, ok?")).isTrue();
    assertThat(CLARIFIER.isClarifyingQuestion("I'll assume 5M a day. OK?")).isTrue();
    assertThat(CLARIFIER.isClarifyingQuestion("How is churn defined?")).isTrue();
    assertThat(CLARIFIER.isClarifyingQuestion("Quick question. What's the label delay?")).isTrue();
    assertThat(topics("I'll assume 5M a day, ok?")).containsExactly("scale");
  }

  @Test
  void answersOpinionsAndRhetoricalQuestionsAreNotClarifyingQuestions() {
    assertThat(CLARIFIER.isClarifyingQuestion("300k listings.")).isFalse();
    assertThat(CLARIFIER.isClarifyingQuestion("wouldn't GBDT be better?")).isFalse();
    assertThat(topics("wouldn't GBDT be better?")).isEmpty();
    assertThat(CLARIFIER.isClarifyingQuestion("Why not just call the biggest accounts first?"))
        .isFalse();
    assertThat(
            CLARIFIER.isClarifyingQuestion(
                "How many users do we have? Doesn't matter, the model is the same."))
        .isFalse();
    assertThat(
            CLARIFIER.isClarifyingQuestion(
                "We have 20M payments a day, so I'd use a GBDT with velocity features. What's the"
                    + " latency budget?"))
        .isFalse();
    assertThat(topics("I'd go with a logistic regression first, it's simple.")).isEmpty();
  }

  @Test
  void clockTimesAndDurationsAreNotVolumes() {
    assertThat(topics("Who's on call if the model breaks at 2am?")).containsExactly("team");
    assertThat(topics("Does the forecast have to be ready by 6am?")).containsExactly("latency");
    assertThat(topics("Is 15ms per request on the search page enough?")).doesNotContain("scale");
  }

  @Test
  void aLongStatementAfterTheQuestionIsCommentary() {
    assertThat(topics("What's the training budget? A big transformer is not cheap at this QPS."))
        .containsExactly("budget");
    // terse writers ask on without a question mark
    assertThat(
            topics(
                "logs per user, kept how long? allowed to use them for personalization under the current tos"))
        .contains("privacy");
  }

  @Test
  void examplesInBracketsEndAtTheClosingBracket() {
    assertThat(
            topics(
                "What serving stack is there (feature store, Spark batch jobs, an API) and which"
                    + " team owns it?"))
        .containsExactly("infrastructure", "team");
  }

  @Test
  void aReadingDoesNotReachIntoAPremise() {
    assertThat(
            topics(
                "Are the old queue assignments reliable as ground truth, given agents reroute after"
                    + " the first touch?"))
        .containsExactly("labels");
  }

  @Test
  void optionsAfterAConfidentQuestionSpellItOut() {
    assertThat(
            topics("what's the main KPI? weekly active users, session length, or just ad revenue?"))
        .containsExactly("goal");
    assertThat(
            topics(
                "how do planners decide orders today. spreadsheet, their own judgement, some score"
                    + " in the ERP?"))
        .containsExactly("current_process");
    assertThat(topics("is the north star to lift conversion, cut returns, or raise margin?"))
        .containsExactly("goal");
  }

  @Test
  void aQuestionWordAfterAPrepositionAsksOn() {
    assertThat(
            topics("suggestions must show in under 50ms on an old phone, with what memory limit?"))
        .containsExactly("latency", "device");
  }

  @Test
  void aLongPartClosedBySemicolonStillAsks() {
    assertThat(
            topics(
                "cloud budget for serving if we go with a big transformer model; and headcount?"))
        .containsExactly("budget", "team");
  }

  @Test
  void onCallQuestionsAreAboutTheTeam() {
    assertThat(topics("who gets paged when the nightly scoring job fails?"))
        .containsExactly("team");
    assertThat(topics("walk me through the current setup for routing tickets"))
        .containsExactly("current_process");
  }

  @Test
  void nothingAskedIsEmpty() {
    assertThat(topics("")).isEmpty();
    assertThat(topics("gimme a min to think about this")).isEmpty();
    assertThat(CLARIFIER.answer(prompt("fraud-checkout"), "   ")).isEmpty();
  }

  @Test
  void whenTheOutputIsNeededIsTheLatencyBudgetEvenWithoutADeadlineWord() {
    assertThat(topics("When do planners need the forecast?")).containsExactly("latency");
    assertThat(topics("when is the list needed?")).containsExactly("latency");
    assertThat(topics("How many stores and products, and when do planners need the forecast?"))
        .containsExactly("scale", "latency");
  }

  @Test
  void whoReviewsTheFlaggedCasesAsksWhoActsOnTheOutput() {
    assertThat(topics("How quickly must we decide, and who reviews the flagged ones?"))
        .containsExactly("latency", "users");
  }

  @Test
  void howLongAnOutcomeTakesIsLabelDelayEvenSaidAtLength() {
    assertThat(topics("How long does it take for a lead to convert or not?"))
        .containsExactly("label_delay");
  }

  // --- round 10: shorthand, brackets, noun phrases, fillers -----------------------------------

  @Test
  void shorthandAndAcronymsAreSpelledOutBeforeReading() {
    assertThat(topics("how many yrs of order hist?")).containsExactly("data");
    assertThat(topics("tix/day?")).containsExactly("scale");
    assertThat(topics("ES rescoring?")).containsExactly("infrastructure");
    assertThat(topics("success = retention?")).containsExactly("goal");
    assertThat(topics("SKU count? order hist?")).containsExactly("scale", "data");
  }

  @Test
  void aBracketSpanningSentencesSpellsOutTheQuestionItStandsIn() {
    assertThat(
            topics(
                "How long after the push do we find out it was opened (minutes? next day when the"
                    + " history syncs?)"))
        .containsExactly("label_delay");
    // "(e.g." does not end a sentence
    assertThat(
            topics(
                "Does it have to work offline (e.g. a hiker with no signal), and what's the app"
                    + " size budget in MB?"))
        .containsExactly("device");
  }

  @Test
  void aBracketedAssumptionToConfirmIsAskedNotAnExample() {
    assertThat(
            topics(
                "What's the compute budget for training (I'm assuming 20k SKUs x 10 stores,"
                    + " correct?)"))
        .containsExactly("budget", "scale");
    assertThat(topics("What's the compute budget for training (20k SKUs x 10 stores)?"))
        .containsExactly("budget");
  }

  @Test
  void aNounPhraseQuestionAsksWhatItNamesUnlessItGuessesAnAnswer() {
    assertThat(topics("training corpus? public text only or user data with consent?"))
        .containsExactly("data", "privacy");
    assertThat(topics("who sets the manual boosts? merch team?"))
        .containsExactly("current_process");
  }

  @Test
  void askingWordsInsideAStatementAskNothing() {
    assertThat(CLARIFIER.isClarifyingQuestion("Sorry, give me a sec to sketch the data flow."))
        .isFalse();
    assertThat(topics("Sorry, give me a sec to sketch the data flow.")).isEmpty();
    assertThat(topics("ok lemme sketch the pipeline for a sec")).isEmpty();
    assertThat(topics("Well, I guess first step is to look at the data.")).isEmpty();
  }

  @Test
  void nonNativeWordOrderStillAsks() {
    assertThat(topics("Score must come back inside checkout, so how many milliseconds I have?"))
        .containsExactly("latency");
    assertThat(topics("Actually the tickets are routed how? By keyword rules?"))
        .containsExactly("current_process");
    assertThat(topics("We can look inside the message text, or only the metadata?"))
        .containsExactly("privacy");
  }

  @Test
  void aFillerLikeGivesNoExample() {
    assertThat(topics("How many people would be on this, and is there, like, a hard deadline?"))
        .containsExactly("team", "budget");
  }

  @Test
  void aSelfCorrectionReplacesThePartItCorrects() {
    assertThat(topics("How many analysts - sorry, I mean how many transactions a day?"))
        .containsExactly("scale");
    assertThat(topics("What's the latency budget? Sorry, I mean the compute budget."))
        .containsExactly("budget");
    assertThat(
            topics("What's the p99 target? No wait, scratch that - how many requests per second?"))
        .containsExactly("scale");
    // a correction that restates keeps the rest of the question
    assertThat(
            topics(
                "Do we have CRM history of which leads converted - and is that in Salesforce?"
                    + " Sorry, I mean, can we integrate with it directly?"))
        .containsExactly("data", "infrastructure");
    // nothing read after "I mean": nothing replaced
    assertThat(topics("we lose a deal worth how much? Average contract value I mean."))
        .containsExactly("costs");
  }

  @Test
  void indirectQuestionsAsk() {
    assertThat(CLARIFIER.isClarifyingQuestion("Not sure if there's a deadline for this.")).isTrue();
    assertThat(topics("I'm not sure how the tickets get routed today."))
        .containsExactly("current_process");
    assertThat(topics("I was wondering whether we have labels for past tickets."))
        .containsExactly("labels");
  }
}

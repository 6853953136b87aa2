package coach.core.curriculum;

import java.util.List;

/**
 * The ids fixed by the rubric ({@code docs/formats.md}). The curriculum may add ids but must define
 * every one of these; stored progress and outside evaluation sets depend on them.
 */
public final class RubricIds {

  private RubricIds() {}

  /** The ten outline sections, in interview order. */
  public static final List<String> SECTIONS =
      List.of(
          "decision",
          "assumptions",
          "metrics",
          "data",
          "baseline",
          "model",
          "serving",
          "validation",
          "monitoring",
          "fallback");

  public static final List<String> PROMPTS =
      List.of(
          "fraud-checkout",
          "feed-recommendations",
          "nearby-places",
          "churn-prediction",
          "lead-scoring",
          "demand-forecasting",
          "ticket-triage",
          "search-ranking",
          "dynamic-pricing",
          "on-device-ml");

  public static final List<String> CONCEPTS =
      List.of(
          "decision.user",
          "decision.goal",
          "decision.action",
          "decision.error_costs",
          "decision.human_review",
          "assumptions.scale",
          "assumptions.latency",
          "assumptions.privacy",
          "assumptions.data_available",
          "assumptions.check_in",
          "metrics.business",
          "metrics.model",
          "metrics.calibration",
          "metrics.expected_loss",
          "metrics.threshold",
          "metrics.guardrails",
          "metrics.capacity",
          "data.sources",
          "data.ownership",
          "data.label_source",
          "data.label_delay",
          "data.label_noise",
          "data.feature_availability",
          "data.freshness",
          "data.leakage",
          "data.class_imbalance",
          "baseline.heuristic",
          "baseline.simple_model",
          "baseline.yardstick",
          "model.choice",
          "model.features",
          "model.two_stage",
          "model.cold_start",
          "serving.mode",
          "serving.online_features",
          "serving.edge",
          "validation.offline",
          "validation.slices",
          "validation.ab_test",
          "validation.ab_design",
          "validation.aa_test",
          "validation.shadow",
          "validation.staged_rollout",
          "monitoring.prediction_logging",
          "monitoring.input_drift",
          "monitoring.prediction_drift",
          "monitoring.service_health",
          "monitoring.data_quality",
          "monitoring.outcomes",
          "monitoring.alerting",
          "fallback.safe_mode",
          "fallback.rollback",
          "fallback.retraining",
          "fallback.ownership");
}

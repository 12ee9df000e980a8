"""Churn tabular path: label/feature validation, evaluation metrics, estimator round trips."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from domain.churn import estimator
from domain.churn.estimator import baseline as baseline_mod
from domain.churn.estimator import classifier, encoding
from domain.churn.tabular import (
    LabelConstant,
    LabelInvalid,
    LabelMissing,
    NoUsableFeatures,
    cross_validate,
    prepare_table,
    stratified_folds,
)
from domain.errors import ValidationFailed
from domain.ml import evaluation as ev

TELCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "telco_churn.csv"


@pytest.fixture(scope="module")
def telco() -> pd.DataFrame:
    if not TELCO.exists():
        pytest.skip(f"{TELCO} not available")
    return pd.read_csv(TELCO, dtype=str, keep_default_na=False)


def _small_table(n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "customer_id": [f"C{i:04d}" for i in range(n)],
            "row_no": np.arange(n),
            "plan": rng.choice(["basic", "pro", "team"], n),
            "region": ["eu"] * n,
            "spend": [" " if i % 7 == 0 else f"{10 + i * 1.5:.2f}" for i in range(n)],
            "seats": rng.integers(1, 5, n),
            "churned": ["Yes" if i % 3 == 0 else "No" for i in range(n)],
        }
    )


# --- label and feature validation -------------------------------------------------------------


def test_missing_label_names_the_column() -> None:
    with pytest.raises(LabelMissing) as err:
        prepare_table(_small_table(), "Churn")
    assert err.value.field == "Churn"
    assert err.value.code == "LABEL_MISSING"
    assert isinstance(err.value, ValidationFailed)


def test_constant_label_is_rejected() -> None:
    df = _small_table().assign(churned="No")
    with pytest.raises(LabelConstant) as err:
        prepare_table(df, "churned")
    assert err.value.field == "churned" and err.value.code == "LABEL_CONSTANT"


@pytest.mark.parametrize("values", [["a", "b", "c"], ["yes", "no", "maybe"], [0, 1, 2]])
def test_non_binary_label_is_rejected(values: list[object]) -> None:
    df = _small_table(6).iloc[:3].assign(churned=values)
    with pytest.raises(LabelInvalid) as err:
        prepare_table(df, "churned")
    assert err.value.field == "churned" and err.value.code == "LABEL_INVALID"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Yes", "no", "YES", "No"], [1, 0, 1, 0]),
        ([True, False, False, True], [1, 0, 0, 1]),
        ([1, 0, 0, 1], [1, 0, 0, 1]),
        (["churned", "Active", "active", " Churned "], [1, 0, 0, 1]),
        (["1", "0", "0", "1"], [1, 0, 0, 1]),
    ],
)
def test_binary_label_spellings(values: list[object], expected: list[int]) -> None:
    df = pd.DataFrame({"plan": ["a", "b", "a", "b"], "label": values})
    data = prepare_table(df, "label")
    assert data.y.tolist() == expected


def test_rows_with_blank_label_are_skipped_and_counted() -> None:
    df = pd.DataFrame({"plan": ["a", "b", "a", "b", "c"], "label": ["yes", "", "no", "no", "yes"]})
    data = prepare_table(df, "label")
    assert data.y.tolist() == [1, 0, 0, 1]
    assert data.rows_without_label == 1
    assert data.X["plan"].tolist() == ["a", "a", "b", "c"]


def test_identifier_and_constant_columns_are_dropped_and_blanks_become_nan() -> None:
    data = prepare_table(_small_table(), "churned")
    assert set(data.dropped) == {"customer_id", "row_no", "region"}
    assert "identifier" in data.dropped["customer_id"]
    assert "identifier" in data.dropped["row_no"]
    assert data.dropped["region"] == "constant"
    assert list(data.X.columns) == ["plan", "spend", "seats"]
    assert isinstance(data.X["plan"].dtype, pd.CategoricalDtype)
    assert data.X["spend"].dtype == np.float64
    assert data.X["spend"].isna().sum() == len([i for i in range(60) if i % 7 == 0])
    assert data.X["spend"].iloc[1] == pytest.approx(11.5)
    assert "churned" not in data.X.columns


def test_no_usable_features_is_a_typed_error() -> None:
    df = _small_table()[["customer_id", "region", "churned"]]
    with pytest.raises(NoUsableFeatures) as err:
        prepare_table(df, "churned")
    assert err.value.code == "NO_USABLE_FEATURES"
    assert "customer_id" in err.value.message and "region" in err.value.message


def test_telco_preparation(telco: pd.DataFrame) -> None:
    data = prepare_table(telco, "Churn")
    assert data.dropped == {"customerID": "identifier (unique string per row)"}
    assert data.X["TotalCharges"].dtype == np.float64
    assert data.X["TotalCharges"].isna().sum() == 11  # the " " rows
    assert isinstance(data.X["Contract"].dtype, pd.CategoricalDtype)
    assert data.y.sum() == 1869 and len(data.y) == 7043


def test_stratified_folds_keep_class_balance() -> None:
    y = np.array([1] * 30 + [0] * 70)
    folds = stratified_folds(y, 5, seed=1)
    for k in range(5):
        assert (folds == k).sum() == 20
        assert y[folds == k].sum() == 6


# --- evaluation metrics against hand-computed cases -------------------------------------------


def test_roc_auc_hand_computed_with_ties() -> None:
    # pairs (pos, neg): 0.8>0.1, 0.8>0.4, 0.4=0.4 (half), 0.35<0.4 no, 0.35>0.1 -> 3.5 / 4
    y = [1, 0, 1, 0]
    p = [0.8, 0.4, 0.4, 0.1]
    assert ev.roc_auc(y, p) == pytest.approx(0.875)
    assert ev.roc_auc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1]) == 1.0
    assert ev.roc_auc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == 0.0
    assert math.isnan(ev.roc_auc([1, 1], [0.2, 0.3]))


def test_average_precision_hand_computed() -> None:
    # ranked: 1(p=.9) 0(.8) 1(.7) 0(.1): precision at hits 1/1 and 2/3 -> (1 + 2/3) / 2
    assert ev.average_precision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]) == pytest.approx(5 / 6)
    # a tie spanning a positive and a negative counts as one threshold: recall 1/2 at 1/2
    assert ev.average_precision([1, 0, 1], [0.5, 0.5, 0.1]) == pytest.approx(
        0.5 * 0.5 + 0.5 * 2 / 3
    )


def test_brier_logloss_lift_hand_computed() -> None:
    y = [1, 0, 1, 0]
    p = [0.9, 0.2, 0.6, 0.0]
    assert ev.brier(y, p) == pytest.approx((0.01 + 0.04 + 0.16 + 0.0) / 4)
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6) + math.log(1 - 1e-15)) / 4
    assert ev.log_loss(y, p) == pytest.approx(expected)
    # p=0 for a positive is clipped, not infinite
    assert math.isfinite(ev.log_loss([1], [0.0]))
    # 20 rows, 4 positives (base 0.2); top 2 by score hold 1 positive -> 0.5 / 0.2
    y20 = [1, 0] + [1, 1, 1] + [0] * 15
    p20 = [0.99, 0.98] + [0.5] * 3 + [0.1] * 15
    assert ev.lift_top_decile(y20, p20) == pytest.approx(2.5)


def test_calibration_curve_and_ece_hand_computed() -> None:
    y = [0, 1, 1, 1, 0]
    p = [0.05, 0.15, 0.55, 0.55, 1.0]
    curve = ev.calibration_curve(y, p)
    assert [(b.lower, b.count) for b in curve] == [(0.0, 1), (0.1, 1), (0.5, 2), (0.9, 1)]
    assert curve[2].mean_predicted == pytest.approx(0.55) and curve[2].observed_rate == 1.0
    # |0-.05| + |1-.15| + 2*|1-.55| + |0-1| over 5
    assert ev.expected_calibration_error(y, p) == pytest.approx((0.05 + 0.85 + 0.9 + 1.0) / 5)
    q = ev.calibration_curve(y, p, bins=2, strategy="quantile")
    assert sum(b.count for b in q) == 5


def test_evaluate_matches_sklearn_on_random_data() -> None:
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 500)
    p = np.round(np.clip(0.3 * y + rng.random(500) * 0.7, 0, 1), 2)  # many ties
    m = ev.evaluate(y, p)
    assert m.roc_auc == pytest.approx(roc_auc_score(y, p))
    assert m.pr_auc == pytest.approx(average_precision_score(y, p))
    assert m.brier == pytest.approx(brier_score_loss(y, p))
    d = m.as_dict()
    assert d["n"] == 500 and isinstance(d["calibration"], list)
    assert set(m.scalars()) >= {"roc_auc", "ece", "lift_top_decile"}


# --- estimator and cross-validation on telco --------------------------------------------------


@pytest.fixture(scope="module")
def telco_model(telco: pd.DataFrame) -> tuple[estimator.FittedModel, pd.DataFrame]:
    data = prepare_table(telco, "Churn")
    valid = np.zeros(len(data.y), dtype=bool)
    valid[-1500:] = True  # the "later" rows
    model = estimator.fit(data.X, data.y, valid=valid, config=estimator.ChurnConfig(seed=7))
    return model, data.X.iloc[:300].reset_index(drop=True)


def test_fit_is_deterministic_and_reports_both_models(
    telco: pd.DataFrame, telco_model: tuple[estimator.FittedModel, pd.DataFrame]
) -> None:
    model, sample = telco_model
    assert set(model.metrics) == {"lightgbm", "baseline"}
    assert model.metrics["lightgbm"].roc_auc > 0.8 and model.metrics["baseline"].roc_auc > 0.8
    assert model.best_iteration > 0 and 0.0 < model.blend_weight <= 1.0
    assert model.calibration_curve and max(model.feature_importance.values()) > 0
    top = next(iter(model.feature_importance))
    if model.mode == "plain":
        assert top in {"Contract", "tenure", "InternetService"}
    else:  # residual mode: gains describe the correction to LR, any column can lead
        assert top in model.features
    data = prepare_table(telco, "Churn")
    valid = np.zeros(len(data.y), dtype=bool)
    valid[-1500:] = True
    again = estimator.fit(data.X, data.y, valid=valid, config=estimator.ChurnConfig(seed=7))
    np.testing.assert_array_equal(
        estimator.predict_proba(again, sample), estimator.predict_proba(model, sample)
    )


def test_round_trip_gives_identical_predictions(
    telco_model: tuple[estimator.FittedModel, pd.DataFrame],
) -> None:
    model, sample = telco_model
    blob = estimator.to_bytes(model)
    loaded = estimator.from_bytes(blob)
    np.testing.assert_array_equal(
        estimator.predict_proba(loaded, sample), estimator.predict_proba(model, sample)
    )
    np.testing.assert_array_equal(
        estimator.contributions(loaded, sample), estimator.contributions(model, sample)
    )
    assert loaded.features == model.features and loaded.categories == model.categories
    with pytest.raises(estimator.ModelFileInvalid):
        estimator.from_bytes(b"not a model")


def test_contributions_sum_to_raw_score(
    telco_model: tuple[estimator.FittedModel, pd.DataFrame],
) -> None:
    model, sample = telco_model
    contrib = estimator.contributions(model, sample)
    assert contrib.shape == (len(sample), len(model.features))
    bias = classifier.contribution_bias(model)
    np.testing.assert_allclose(contrib.sum(axis=1) + bias, estimator.raw_score(model, sample))
    # the booster part alone is LightGBM's SHAP; the LR part is coef x (design - mean)
    lin = model.baseline.log_odds(sample)
    terms = model.baseline.terms(sample, model.features)
    np.testing.assert_allclose(terms.sum(axis=1) + model.baseline.bias, lin)
    full = model.booster.predict(
        encoding.lgb_matrix(sample, model.features, model.categories),
        pred_contrib=True,
        num_iteration=model.best_iteration,
    )
    np.testing.assert_allclose(full[:, -1], model.booster_bias)


@pytest.mark.parametrize("mode", ["residual", "plain"])
def test_each_mode_keeps_contributions_exact(telco: pd.DataFrame, mode: str) -> None:
    data = prepare_table(telco.iloc[:1500], "Churn")
    valid = np.zeros(len(data.y), dtype=bool)
    valid[-400:] = True
    cfg = estimator.ChurnConfig(seed=3, modes=(mode,), blend_weights=(0.5,), inner_folds=3)  # type: ignore[arg-type]
    model = estimator.fit(data.X, data.y, valid=valid, config=cfg)
    assert model.mode == mode and model.blend_weight == 0.5
    assert model.weights == ((0.5, 1.0) if mode == "residual" else (0.5, 0.5))
    sample = data.X.iloc[:50]
    contrib = estimator.contributions(model, sample)
    np.testing.assert_allclose(
        contrib.sum(axis=1) + classifier.contribution_bias(model),
        estimator.raw_score(model, sample),
    )
    # cross-fitted calibration: Platt sees the training rows' out-of-fold scores too
    assert model.calibrator.kind == "platt" and model.calibrator.rows > 1000


def test_baseline_adds_log1p_only_for_skewed_non_negative_columns() -> None:
    rng = np.random.default_rng(0)
    X = pd.DataFrame(
        {"money": rng.lognormal(3, 1, 400), "signed": rng.normal(0, 1, 400),
         "flag": rng.integers(0, 2, 400).astype(float)}
    )
    y = (rng.random(400) < 0.3).astype(float)
    base = baseline_mod.fit_baseline(X, y, {}, log_skew=0.5)
    assert [s.log for s in base.numeric] == [True, False, False]
    assert base.design(X).shape == (400, 4)


def test_unseen_categories_score_as_missing(
    telco_model: tuple[estimator.FittedModel, pd.DataFrame],
) -> None:
    model, sample = telco_model
    odd = sample.copy()
    odd["Contract"] = "Lifetime deal"  # never seen in training
    missing = sample.copy()
    missing["Contract"] = np.nan
    np.testing.assert_array_equal(
        estimator.predict_proba(model, odd), estimator.predict_proba(model, missing)
    )
    with pytest.raises(ValidationFailed) as err:
        estimator.predict_proba(model, sample.drop(columns=["tenure"]))
    assert err.value.field == "tenure"


def test_quick_cross_validation_on_telco(telco: pd.DataFrame) -> None:
    data = prepare_table(telco.iloc[:3000], "Churn")
    report = cross_validate(data, folds=3, seed=1)
    assert len(report.folds) == 3
    assert sum(f.n_test for f in report.folds) == 3000
    main, base = report.mean("lightgbm"), report.mean("baseline")
    assert main["roc_auc"] > 0.80
    assert base["roc_auc"] > 0.80 and 0 < base["brier"] < 0.25
    assert report.dropped == {"customerID": "identifier (unique string per row)"}


def test_default_blend_keeps_lr_at_least_half(
    telco_model: tuple[estimator.FittedModel, pd.DataFrame],
) -> None:
    model, _ = telco_model
    booster_weight, lr_weight = model.weights
    assert model.mode == "plain" and 0.0 < booster_weight <= 0.5 <= lr_weight
    assert booster_weight + lr_weight == pytest.approx(1.0)


def _root_count(model: estimator.FittedModel) -> int:
    """Rows the booster's first tree was grown on (no bagging in the configs below)."""
    return int(model.booster.dump_model()["tree_info"][0]["tree_structure"]["internal_count"])


def test_refit_learns_from_all_rows_and_keeps_every_choice(telco: pd.DataFrame) -> None:
    data = prepare_table(telco.iloc[:1500], "Churn")
    valid = np.zeros(len(data.y), dtype=bool)
    valid[-400:] = True
    cfg = estimator.ChurnConfig(seed=3, inner_folds=3, bagging_fraction=1.0, bagging_freq=0)
    held_only = estimator.fit(data.X, data.y, valid=valid, config=cfg)
    refit = estimator.fit(data.X, data.y, valid=valid, config=replace(cfg, refit=True))

    # the choices, the calibrator and the held-out metrics are those of the pre-refit model
    assert (refit.mode, refit.blend_weight, refit.best_iteration) == (
        held_only.mode, held_only.blend_weight, held_only.best_iteration,
    )
    assert refit.baseline.c == held_only.baseline.c
    assert refit.calibrator == held_only.calibrator
    assert refit.metrics["lightgbm"].roc_auc == held_only.metrics["lightgbm"].roc_auc
    # ... but LR and booster learnt from every row, held-out ones included
    assert _root_count(held_only) == int((~valid).sum())
    assert _root_count(refit) == len(data.y)
    np.testing.assert_allclose(
        refit.baseline.design_means, refit.baseline.design(data.X).mean(axis=0)
    )
    np.testing.assert_allclose(
        held_only.baseline.design_means,
        held_only.baseline.design(data.X.iloc[~valid]).mean(axis=0),
    )
    sample = data.X.iloc[-50:]
    assert not np.allclose(
        estimator.predict_proba(refit, sample), estimator.predict_proba(held_only, sample)
    )
    np.testing.assert_allclose(
        estimator.contributions(refit, sample).sum(axis=1)
        + classifier.contribution_bias(refit),
        estimator.raw_score(refit, sample),
    )


class _Captured(Exception):
    pass


def test_cross_validate_refits_unless_given_a_config(
    telco: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = prepare_table(telco.iloc[:600], "Churn")
    seen: list[estimator.ChurnConfig] = []

    def capture(*_args: object, config: estimator.ChurnConfig, **_kw: object) -> None:
        seen.append(config)
        raise _Captured

    monkeypatch.setattr(estimator, "fit", capture)
    with pytest.raises(_Captured):
        cross_validate(data, folds=2, seed=5)
    assert seen[-1].refit and seen[-1].seed == 5
    with pytest.raises(_Captured):
        cross_validate(data, folds=2, seed=5, config=estimator.ChurnConfig(seed=5))
    assert not seen[-1].refit

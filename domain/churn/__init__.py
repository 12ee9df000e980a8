"""Churn risk: tabular preparation, LightGBM estimator with calibration and an LR baseline."""

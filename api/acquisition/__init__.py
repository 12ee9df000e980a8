"""Acquisition API: new-customer CLV, audiences, budget split, the model's training, and the
audiences' CSV download route."""

"""New-customer CLV and acquisition: the early-behaviour model (`service`, `estimator`,
`features`), lookalike audiences (`audiences`) and the budget split (`budget`)."""

"""Revenue metrics API: MRR movements, KPIs, revenue series and acquisition spend."""

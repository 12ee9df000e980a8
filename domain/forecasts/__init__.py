"""Revenue forecasting: ETS, SARIMAX and Theta chosen or combined by a rolling-origin
backtest, the pipeline component, stored forecasts and their accuracy."""

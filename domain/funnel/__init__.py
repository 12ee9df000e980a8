"""The lead → MQL → SQL → opportunity → customer funnel: conversion rates, median times
between stages and the bottleneck against the funnel's own history (`analysis`: the
computation; `queries`: the organization-scoped reads)."""

"""The funnel in GraphQL: the `funnel` query field and its types."""

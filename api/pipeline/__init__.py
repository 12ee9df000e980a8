"""Pipeline health in GraphQL: the `pipelineHealth` query field and its types."""

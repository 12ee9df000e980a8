"""Cluster types: the active clustering of the organization (`domain.segments.clusters`)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain.segments import clusters as domain


@strawberry.type(description="One behaviour feature at a cluster's centre.")
class ClusterFeature:
    feature: str = strawberry.field(description="The feature's name")
    label: str = strawberry.field(description="The feature in words")
    value: float = strawberry.field(description="The cluster's median, in the feature's units")
    z: float = strawberry.field(
        description="The centroid in standard deviations from the mean of all customers "
                    "(after a log scale for money and counts)")


@strawberry.type(description="A group of customers who behave alike.")
class Cluster:
    id: int = strawberry.field(description="0 is the largest cluster")
    name: str = strawberry.field(description="A short name, e.g. 'Big spenders'")
    description: str = strawberry.field(
        description="What sets the cluster apart, with its medians, in plain words")
    size: int = strawberry.field(description="Customers in the cluster")
    share: float = strawberry.field(description="Fraction of the clustered customers")
    centroid: list[ClusterFeature]


@strawberry.type(description="The silhouette of the clustering tried with k clusters.")
class KScore:
    k: int
    silhouette: float


@strawberry.type(description="The latest behavioural clustering of the organization's "
                             "customers (K-Means, k chosen by silhouette).")
class ClusterSet:
    version: int = strawberry.field(description="Number of the stored clustering")
    k: int = strawberry.field(description="Number of clusters chosen")
    silhouette: float = strawberry.field(description="Silhouette of the chosen k (-1..1)")
    fitted_at: datetime
    as_of: datetime = strawberry.field(description="The moment the behaviour was read at")
    customers: int = strawberry.field(description="Customers clustered")
    features: list[str] = strawberry.field(description="The features used")
    silhouette_by_k: list[KScore] = strawberry.field(description="Every k tried")
    clusters: list[Cluster]


def cluster_set(summary: domain.ClusterSummary) -> ClusterSet:
    return ClusterSet(
        version=summary.version, k=summary.k, silhouette=summary.silhouette,
        fitted_at=summary.fitted_at, as_of=summary.as_of, customers=summary.customers,
        features=list(summary.features),
        silhouette_by_k=[KScore(k=k, silhouette=s) for k, s in
                         sorted(summary.silhouette_by_k.items())],
        clusters=[Cluster(id=c.id, name=c.name, description=c.description, size=c.size,
                          share=c.share,
                          centroid=[ClusterFeature(feature=f.feature, label=f.label,
                                                   value=f.value, z=f.z) for f in c.centroid])
                  for c in summary.clusters],
    )

"""Revenue metrics: MRR per customer at month ends and its movements, revenue series, and
the KPIs built on them (MRR, ARR, NRR, GRR, churn rates, ARPA, LTV, CAC, payback).

Where MRR comes from. A customer's MRR at an instant t is the sum of the `mrr` of its
subscriptions live then: started_at <= t and (canceled_at is null or canceled_at > t); a
subscription with status `canceled` and no canceled_at counts as ended (it is never
counted), as does one canceled at or before it started, or one with mrr <= 0 (negative ones
are reported in the notes). The monthly snapshot is taken at the end of each month (UTC):
a subscription counts when it started before the next month begins and was not canceled
before then.

Why subscriptions, not invoices. A subscription row holds a normalised monthly amount
(Stripe: unit amount x quantity per month, an annual price divided by 12), while invoice
totals carry tax, discounts, prorations and annual lump sums: read as MRR they would make an
annual customer churn and come back every year and turn each proration into an expansion
followed by a contraction. The data we store versions plan changes as rows: the demo world
and the Stripe sandbox close the old subscription at the instant of an upgrade or
downgrade (canceled_at) and open a new one with the new MRR, so the rows give MRR at every
past month end exactly. A source that changes a subscription in place (a live Stripe
`customer.subscription.updated` keeps its id) leaves only the latest amount on the row:
its MRR before the change is then read at the current amount, because no earlier amount
is stored that is reliably monthly (the invoices are not; see above).

Revenue (money received) is a separate series: paid invoices by paid_at and transactions,
amount > 0 (`series`). Modules: `series` (calendar and revenue series), `movements` (MRR
change points and the monthly bridge), `metrics` (KPIs), `queries` (the reads), `spend`
(recording acquisition spend).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "arm_outcomes" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "context" VARCHAR(96) NOT NULL,
    "arm" VARCHAR(64) NOT NULL,
    "retained" INT NOT NULL,
    "churned" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_arm_outcome_organiz_62a8ed" UNIQUE ("organization_id", "context", "arm")
) /* Observed retention outcomes of one arm (an incentive code, or "none") in one */;
        CREATE TABLE IF NOT EXISTS "campaign" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(8) NOT NULL /* NIGHTLY: nightly\nMANUAL: manual */,
    "name" VARCHAR(200) NOT NULL,
    "batch_key" VARCHAR(64),
    "status" VARCHAR(8) NOT NULL /* ACTIVE: active\nCLOSED: closed */,
    "audience" JSON NOT NULL,
    "summary" JSON NOT NULL,
    "model_versions" JSON NOT NULL,
    "decided_at" TIMESTAMP NOT NULL,
    "window_ends_at" TIMESTAMP NOT NULL,
    "outcomes_detected_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_campaign_organiz_c64c61" UNIQUE ("organization_id", "batch_key")
) /* A set of retention actions decided together. Nightly campaigns carry */;
CREATE INDEX IF NOT EXISTS "idx_campaign_organiz_44a832" ON "campaign" ("organization_id", "decided_at", "id");
        CREATE TABLE IF NOT EXISTS "decision_rules" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "routes" JSON NOT NULL,
    "fallback_route" VARCHAR(8) NOT NULL /* AUTO: auto\nREVIEW: review\nURGENT: urgent\nMONITOR: monitor */,
    "min_probability" REAL NOT NULL,
    "control_share" REAL NOT NULL,
    "prior_strength" REAL NOT NULL,
    "window_days" INT NOT NULL,
    "channels" JSON NOT NULL,
    "webhook_url" VARCHAR(500) NOT NULL,
    "webhook_secret_encrypted" TEXT NOT NULL,
    "widget_key" VARCHAR(64) NOT NULL UNIQUE,
    "updated_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL UNIQUE REFERENCES "organization" ("id") ON DELETE CASCADE
) /* An organization's decision configuration (one row; defaults when absent). */;
        CREATE TABLE IF NOT EXISTS "incentive" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(24) NOT NULL /* PERCENT_DISCOUNT: percent_discount\nFIXED_CREDIT: fixed_credit\nFREE_UPGRADE: free_upgrade\nFEATURE_UNLOCK: feature_unlock\nLOYALTY_BONUS: loyalty_bonus\nBUNDLE: bundle */,
    "percent" REAL,
    "cost_basis" VARCHAR(8) NOT NULL /* MRR: mrr\nCLV: clv\nFIXED: fixed */,
    "rate" REAL NOT NULL,
    "amount" NUMERIC(14,2) NOT NULL,
    "duration_months" INT NOT NULL,
    "cooldown_days" INT NOT NULL,
    "max_cost_by_tier" JSON NOT NULL,
    "tiers" JSON NOT NULL,
    "prior_lift" REAL NOT NULL,
    "active" INT NOT NULL,
    "description" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_incentive_organiz_4d048f" UNIQUE ("organization_id", "code")
) /* One incentive an organization may offer, identified by `code` (stable: the bandit's */;
        CREATE TABLE IF NOT EXISTS "retention_action" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "arm" VARCHAR(64) NOT NULL,
    "segment" VARCHAR(32) NOT NULL,
    "risk_level" VARCHAR(16) NOT NULL /* LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical */,
    "tier" VARCHAR(8) NOT NULL /* HIGH: high\nMEDIUM: medium\nLOW: low */,
    "route" VARCHAR(8) NOT NULL /* AUTO: auto\nREVIEW: review\nURGENT: urgent\nMONITOR: monitor */,
    "status" VARCHAR(12) NOT NULL /* PROPOSED: proposed\nAPPROVED: approved\nREJECTED: rejected\nEXECUTED: executed\nMONITORING: monitoring\nCONTROL: control\nNO_ACTION: no_action */,
    "control" INT NOT NULL,
    "churn_probability" REAL NOT NULL,
    "clv" REAL NOT NULL,
    "mrr" REAL NOT NULL,
    "cost" REAL NOT NULL,
    "expected_gain" REAL NOT NULL,
    "expected_roi" REAL,
    "priority" REAL NOT NULL,
    "urgency_days" REAL,
    "explanation" JSON NOT NULL,
    "message" TEXT NOT NULL,
    "reviewed_by" VARCHAR(200),
    "reviewed_at" TIMESTAMP,
    "review_note" TEXT NOT NULL,
    "executed_at" TIMESTAMP,
    "offer_expires_at" TIMESTAMP,
    "outcome" VARCHAR(8) /* RETAINED: retained\nCHURNED: churned */,
    "outcome_source" VARCHAR(8) /* MANUAL: manual\nBILLING: billing */,
    "outcome_at" TIMESTAMP,
    "revenue_after" NUMERIC(14,2),
    "decided_at" TIMESTAMP NOT NULL,
    "campaign_id" INT NOT NULL REFERENCES "campaign" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "incentive_id" INT REFERENCES "incentive" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_retention_a_campaig_d51689" UNIQUE ("campaign_id", "customer_id")
) /* One decision for one customer in one campaign (unique per campaign and customer). */;
CREATE INDEX IF NOT EXISTS "idx_retention_a_campaig_1dccd4" ON "retention_action" ("campaign_id", "route", "status", "priority");
CREATE INDEX IF NOT EXISTS "idx_retention_a_organiz_a12571" ON "retention_action" ("organization_id", "customer_id", "decided_at");
        CREATE TABLE IF NOT EXISTS "delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(16) NOT NULL /* WEBHOOK: webhook\nHUBSPOT_TASK: hubspot_task\nONSITE: onsite */,
    "status" VARCHAR(8) NOT NULL /* PENDING: pending\nSENDING: sending\nSENT: sent\nDEAD: dead */,
    "event_id" VARCHAR(64) NOT NULL UNIQUE,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "locked_until" TIMESTAMP,
    "last_status_code" INT,
    "last_error" TEXT NOT NULL,
    "sent_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "action_id" BIGINT NOT NULL REFERENCES "retention_action" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_delivery_action__3df464" UNIQUE ("action_id", "channel")
) /* One action sent through one channel (unique per action and channel, so a restart */;
CREATE INDEX IF NOT EXISTS "idx_delivery_status_bb1bd8" ON "delivery" ("status", "next_attempt_at");
        ;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ;
        DROP TABLE IF EXISTS "delivery";
        DROP TABLE IF EXISTS "retention_action";
        DROP TABLE IF EXISTS "campaign";
        DROP TABLE IF EXISTS "arm_outcomes";
        DROP TABLE IF EXISTS "incentive";
        DROP TABLE IF EXISTS "decision_rules";"""


MODELS_STATE = (
    "eJztfftz2ki2/7/SRdWtte+X+CZOnMmQ3VuFMUnYweAFnJnc1ZQQogGNRYvRww67O//795"
    "zWA0lIWOJloen5YYKlPi3pc/p13v+uzI0x1a2Luvq7o1marRmsv6BsXKmRf1eYMqfwI7VN"
    "lVSUxWLVAi/YykjnRMqqtWwFzUeWbSqqDQ0mim5RuDSmlmpqC2yHZH1FpxZR2JjMFfOB2h"
    "qbEk5OjAkxGCVzg9kzcoYt1JnCGNXPq8SkqmGO6ZiMlsSeUWKYU4Vp/1Kw1xo+eGyo8GTo"
    "7EDPkNjTTLFJo97g/S6U5UhRH4hiUqIa84VjA93ENOYX+DIO0353qGwbUwodmfBK//xnJd"
    "wdNuLvgD+8N6j8+iv8obEx/U4tJME/Fw/yRKN6lF0ah5pfl+3lgl9rMfsTb4hYjGTV0J05"
    "WzVeLO0Z8MlvrTEbr04po6YCrw7XbNNBbjFH1z0O+wx0v2bVxH3FEM2YThRHR54jtfsCq2"
    "sVWe50B3K/OZDlytp48ClC7PMuqQbDsQSvavGvn+IrvLp88+6Hdx/evn/3AZrw1wyu/PCH"
    "++gVMC4hh6czqPzB7yu24rbgGIfngMeOKK43AE8ysAFBDFt4Aoy4Ob3AH3GUfUw3wexfWO"
    "G8mkpHAHoDijf1QZPDuILNH7xrwDVmipkMXIgkBh28xqEAqyi6XjnU0Jwr32WdsimMhxp5"
    "8/r1Bgi/1nuNL/XeGbQ6x0casFq662nHu3Xp3ovCrMwNx52zUZRvYTVbJsO8IokPUKpqc0"
    "W/uHH/LdkQbTZat/X22Zt31UsOsPW7rtkuwPe3zV6r4d2KDWPHNClTl7nGcYjmiAP5vn9z"
    "nIH8NsMwfps6iN/GIQ7vf3KuLSyB8vn97ASG8T62NDwkTB4Sd7T4gSOK9ifDpNqU/eQtHy"
    "14M4WpNAFc73TYjXV3YmD/4Y8q/+rq/GIqT8EpK2mwwQ9AgLqrSKPeb9RvYBtE5PEM+KSY"
    "YznCArxjXBqxK0Hb9Vvzy3n8isKUKQcJv+aPauiM7n14wund50z6md2Ej2D8y5RV62eP7F"
    "04MeOmYcHfZGKY/AitOpZtzKlJNOb+rcwXCgwocuZynCzgXnCRn7Q9ivOLtQP73p8gMYkN"
    "Zng2Zzb9bpMzi07n8OlwytesB6LTRwpj5FHRoRtbAwpOP1TM+ZCcaTAPAKVHJB+jHECkCo"
    "M3kCrnEtMNFQY9FxBGQKPZZGFYNjU1aAZ/PCkWGcOAYlwa+EiG6swxmbwwjZEy0mArWg6r"
    "cFF/xH/mpjlEEUJi2J3GQIywkAQ6xNv0+4KqMMHkKYxXeK9G+yv5Ts4W5BVZkCcNJJjgTc"
    "/hGpJVCQgp0JnEVm81pwo7D3dnGhr0Fumd/A8n92BYIB2+Kv9Mk1owEy3AFLvQYWTiwBjW"
    "CIBoLt3X5nQW8EIHOciF9ezffADK0AjZalW9+xbnGyBdlZhJf+PvgH+6AtvTbAk8MkCeIq"
    "ajw2C8uLj445xYBryK+2mrgaIqjIwo4S+lMTrGN0SGm4YObzeD+UQMfDWbmNC1MSdnzAhB"
    "dkGGcBukNzokmkUsaqPkN3TFwK5/xzAlWLBs9zWRpwTYqKNEqUwAYP5GwSB8gsXNeEqXAf"
    "2GXOzzBuua3PfvymotCCi8pYgjw481tmI7fHL7zKpgN4AFsIvj7S8l3jLhrYr+ol7hjWHi"
    "8z/4Rh16asIi6L+u9ycyAWRlWbF3em4uGfdam/5ZxNwfLy/fvv3h8vXb9x+u3v3ww9WH18"
    "HhYP3WplPCdeszHhQih7TnhWGYjnlOwl7z4x2CD8mAyBn4/bsMh+D371JPwXgregz2NqI8"
    "8IZIjihnHEnIuMwiZVymixlrohxu8DLf4JMxbjJnvnbkjeAd7aHIo7rS7v5cI7rxJLHb5k"
    "3r/rYGu/1Yc+YS+9L6/AU2QW06k1ij1xq0GvV2jQCtramu0J9bsfE+i17jfbpa432cVXjy"
    "2pZJPm2h2RNmQpxBPuu2YcWHDJz4kMqID2tTxj9VbDVbfOJCc6J+P+jWiOLYhsR6za+tJo"
    "Bv0keNwtS5731udgY14pjwsjZwqttpDbq9GpoJNNswC8Ch1XFvGxaFDotF5tFdr3vX7Tdv"
    "agTEJZBf6Fhi9Tu4+hWvgVRrGo94rdf8e7MxwGu+/CCx5i/Nxj2/Bm+kOvyax8dW53PASm"
    "AgLIfdzqDXxdXQFRYk1unK9cag1e3Aexsh2Tj3EpllN3uTvpu9WVdMuq+YcBg2DB0EuxTV"
    "5IoqxvGRYRxM4xtcOa7K97rbbXODmmX9rrtn3tiBt3N/e90E4GMKYf8cHLZmxIT1BL2Zbi"
    "gpMkgidQz/CZIXZ87tReXevb9uN8ldr9lo9WEOcV4sPV64N6O495r1dhx4/TEf1G57AW4W"
    "cOdmwilrA7he+2OC+/ri9Wlii1qzfCPXIxDoZkA3oqPMBfMapcA7D96moW0Ht0e4Jdqepu"
    "1Psi4Hmts8SIeJxJjOgDKX6tSlPFaWCQLUBqTjhGJMZ1tBfAvROth/73c7qetHmCzusaKp"
    "NvkP0TXrYMO78teJw7jcR0aOptsasy7wsf97KDXoBj4gTBGBxhcQz27rv8Rlx0a7e80hg3"
    "PF1OS98A6u44dAalnKNEHLM6Df086BK5IS6J03AD5o/jLYDHgwDdrdzme/eZwLMaUa1y7B"
    "ljjK5VUUI9sK+IItOVEdyWUm/7jLDf5xl+v+cQFqSsJp/MbzyHwGcCXRWS7szYk/Tg/+TQ"
    "O/ddvsD+q3d5HRj26eeOcyugF4V8/iGv6gE/Jza/CF4J/k/7qdZnxVCtoN/g8NzhVUxsrM"
    "eJKVcRgT/7J/KYHPcDtJX52+ksXIxGqWezXztapbTLAYqZhgRZ5gxmRCTRmOYxp0ugWzk+"
    "gFxwvNcdfTKfmM8rxtKURe4LMKiCqDeqvj2oxs7i0mscaX+x6/xBX31B3ML2vn89CULcMx"
    "1V15EuqlyKy5rXfu0TdhrjBH0SV23Wq3uc3Oc7QrEFu2WA8jlGIlLPJKCKdEyhzgFTp2rj"
    "N6Q6zNGuXOITenw+YtI25CDqQ5p1SUcg9T6oTMgSc3p2L+yxkjfmJUItonyVch6pCdFdko"
    "lUA2AdkgRCAftHGyrbAt2Lq/b2hFEKAIAnz5nXV/QYBJW90eYG6EuiopxLEtPgO8frzUHu"
    "ANdVVWeKP7/PPwBrvXHvBthfs6rQ0vK77xzT5vjHBYENKhG1OjCd4J1x7tp596VE+zjnug"
    "37j9LEs0qP84aCT1QoMRXUmKpHbvVDdmP1po8oPX6NkA6joj9bsWgfYXpMv0JVFI/0v91e"
    "XVezJTrBlmJcIwUouqJrV5LKoNU278ESNx6UT7zuNTscWjZmnwAmShmPZ6FPXhHpMQzCqS"
    "Fb1gsiL+7xqs6U4Ffvsih38UyZ3AnQ95EF5R7Afjlx2+B477c1cgGRelPBjHyEo4mPcfbm"
    "wa+g6RfXrhV40KhvI1ezXCnXhMidU79fa3/qBGYN/Xl5Ytse5ds1fn8XzGAt8YMzrUb25b"
    "HWgznmvbBXrtfU7A0Fa286+IUpZQH16BDxzjgcY/FqZDXyT9uLdib1SP64ply461Fd/jtM"
    "K4WGRDiEkfjYdtHRRDlILLReay0G8L/fbLT6WTT3Jnzr38W+5IiOtnQrerG5U05lw2wi2f"
    "T3U3sqj5SMckyJRH/A783NHQKWaOJtEscdVImjgvZd2ahma/3UssSG8n+UmC/rPKb/efVX"
    "o7oKm5mcowJ6xFRnQGI5Rfuaa2skphJ7EzHmBG/p/X9CNv5F5z35PnQIMHT7SpY/IRRJ5m"
    "lLntVqnwLIKntvPs+bC9b+F8MuciG/aLKphCzMgqnYdIiiwwbimZ/5hF4PsxXeD7cU3gEz"
    "nWDqf08Fx8cywMYZLjnbsOFVK7d1+jlYN0Vj+jFYWAMw6nsxhvqeuJUgpdT4GFQ+/thWwo"
    "ZMNCgF0S2TBwjUoQDMNuU+lSYdhPK4PtnieGBuFsJbK5+eEs4jmiE1+uuSAdbTqz9WWQEN"
    "qCX6brkhG11O+hU4kNR4qtztANYUj+htKh27D2Df57dXv76uZGqkSSpUcqGnFpE6+OleX5"
    "Ry/6Bi9aIFfiA7hEN1ScsUZhXgzJRNO9hNdL8kRN6iZKcKsekaHlzOeKuRwCW2zFhHen46"
    "qfYK/qp9+DaxILMuxVyWgp8/SRVRIkkGHUDv3l5jTHHOAfyTCaT3zoSbR40MDU4RJz5V3e"
    "ivitCCrIL4ivL+AFm3CLiabyNuADydDN3i1TNsbIxSFZKBYSZ5ZgA3ZsTumdMMGiIQ1wDe"
    "mPklNbSMo7SsoPGkuANZuB1actslBX6bQ+fxm0vwGtu7xILBqwt435dM/hecId5rDuMKuF"
    "LQfIEaICx58WRmtxejl+K7iPP/rvkj0Xc2PQ+tqsEZdaYo22m/VX1THnbwHWE//Ms86L9A"
    "xWYRqRvioiku8jfZV3vMzDkRCJYMjeGRI9jOfhyzqlYM/e2SPCq7dhRcFViuv+JlGRNS+r"
    "16kFuwvNbt9ZQPYrkm2fkWStD+FYVmTOC/fgVDafqMkoi3uwMBkJk9HLL6DHMBmFhG/XEL"
    "KOfp5g2FUx3JJAftBQ2IbBbNcItm5S825VN1rUQo0yGNQWIPqhxcsmyqrI71lf0ak1MUyV"
    "Eu+hCYWC8xJnstus0uTR7zY1maLjIN5cljUUXr+Lreb5uqt0rmi6sAcVagOpbrAH7Za5cc"
    "eMjceyCfUHvdZds0YQ6wWV2Jf76/5dd1AjM2dkLQxbYv16u9n/1O01sFUwOSXWur3r9qCh"
    "Nl8Ypo313VpY2k2T2E3ztlsjYzo3gPpbf9C8BcqlZdP5Nhrh/QfohdeGRO4mz5sYWZHZum"
    "18cCaT05sNJqc36yYnd9nLg7NPUD5T0+XVVRab3tVVuk0P752azfRIFYgPgq4Q15874RZd"
    "PM+mlXmxHIxFW7BEnsATQFgoPl5K8fHyiewKtmBkRThTHrsX8kT2wU9Sm4QYs0FvEm71rO"
    "JkMKNEUXlYpuu8C7yEV8VgUtUwx3DPNCyL9LlMViVfnFEfRLEqCelGFDb2JC9rXbdygP4z"
    "qV8CCcmkE1R0JCho+CM9Xcv6bU/oTL2/kj+f1eskTGiYg24NtIOrejj0rsPKwZ8FAMDgO9"
    "LDsLbfUR7kBUEf5VleleTDj4qIQHDwx/ly3gkoNp9/xtiYY/lfoT0t0im0ukF7WnytxGlr"
    "fYRa7cAAeytODoRXFALiTBCHjy5ZQQ7TlA/mg2jgQ6fRrCiHSMoH8mWWkZw+jtdzVEwTVS"
    "2bKgP7FOUD9yAj2Bc7sgLstxfwZlsgHNOkTM23QoRojmhJuu/fHMeY9DYDzG9TQX4bh9iT"
    "MaPobqhD57XfufrcVigfKvvKBki3rD0XqHS2DLSbHtsSqlNlnHMAV9rN+k2NIKXEbv+B4b"
    "q/6xLr4y8Lf3Xv0BPjvtMafMPMyKi0g5eylxJr3PcH3VtMquwrKCXW/OWu3um3up0aBucr"
    "DAVpaNntDHoYzofXebC/670nsfpA7rX6P9WIYsuYkm692qrEek0eCVgfuGVZeTggR26bFU"
    "4kZBYm3G1MuBPNtGzZopRtwek1YhFEUWRei7xb6avpaQZRJLB9Le9WxL6U46wapxNiQSax"
    "YGWsy4F1hEgAnQnokNkzB9JRKgF1tjEdsSDnGddxQgF4NsBXhtzMUK9Iygfy2yzax7fp6s"
    "e3azKw8LATHnYvL1YcN7QwyLYoiyDDxCDDqP2Hx9HtiFEofvC01t9MGOkae9gVIE/F1oau"
    "yjqUNPZoaOquBW5bbi9lBQk1tTsi1PbUxCWcaXCHWdoeFu22NqHqEg5Ig6DHso6olVJ/5+"
    "LS3ZV9oKxoLZQlyg87AnXn9lJWkNCUI6szhU13HVE96KnBOyo1VpZqmPuAqo/9lBUpT3SX"
    "LaYsrJmx6xzsu931vd5Ki5ozCjrfFbFQV2WFy9bUB7rz0HL4RjjgfZUWKTwZ7UVCHqx6Ki"
    "tYjqVMqUwfdz863GNPzceSnR5yReBFN890OLuMDgz4X3bxuuf1V0LRiJe92CdWX/0OSwLW"
    "lnGdXCOzIbbT19g8H98p637T5wuQYlEW03jUxtT0ozHJmRtzGbhjBcGXWJJzobBlNAjTpT"
    "oncPA09Md1f6qDPERitsGjRlf0GA06M56IZpMnxSJzLAiQp57KC+blElFfx4z6EjmzRM4s"
    "kTNrZ6O5t8DKo1wu+VGqMmItXIOFu+hpZXcqGldFeqdTQFg4n7yU88nLp3c6VYhPIL8TVx"
    "1t0AP4qqUMegBfq5Ut2ZMbLGkTbkPCarHhjNeabREdxoNlk2FgIBqeV7kMboLUjaVdg+ZP"
    "mj0jypoi4CBPkZiuPVISNk9gum4s1up1hY+CN/jIr/EBSixqPlKLDBWbGwa9Hi0swjqlqc"
    "mkNqkCknYK0xgpI033rNhCWVDUnay6QVkQY2JsidUNJQXfGF0M6AkSnu46mxgc272/bjfJ"
    "Xa/ZaGHkZvSAzW9yLVsQMttr1tuxg5pOH2lKvpjnFTMBcZGFykq7+3ON6MaTxG6bN6372x"
    "qZ07HmzCX2pfX5S43MtOlMYo1ea9BqYNVboLU1dbu6t/sXRfmqvY0kGiEUgmihBdFIxcR8"
    "8lISqRCYhEj6AgjzFScR2mttmopumKpMsP54efn27Q+Xr9++/3D17ocfrj68DvBdv7UJ6O"
    "vWZ8Q6sjitg18gXdbJn06FnqUIepbIzrYHrG/xn6+r7kqKddKB4HmwLd/9dEeQy+jKGkc4"
    "vGPtrs/Kolj0XXyOoFZ80cX7cErFvSgKXb+pDZrCwLEqg6ow8OrKUlHPp/qLFajzFiDdaV"
    "jel+jahAtxhHdJzpJUd4ml9vbQq8QkNuQthkSzyFizuNsQ0DfaX4kByxAZzgxT+xfwaG4w"
    "e2ZBO8b1guFNIXgDdVkNtIw/vv4vaGtTE/on/xyCCE/NYZUMnQW8w/DXCzJcyAqqIofcE2"
    "lIvy/cescLx1RnikXhWfS7ZtlkYpjwuDHmuRo5S1gayZnfhrg8Oq+G6P1PD94Y6T1154hT"
    "W9ef8duHE+CbYVpDnMcTqtiOCeyDuUVhcGvzBdz941dy5v7C71595MQ05hyG27b7Cqn1DH"
    "PqQINxJbSfRT1fVjdoP/lY2FYhFxAXWiF3/blzfVMjoykbjSV2V+81B12ZX1ooJkU1CV6/"
    "9ZrNvXb96881Yo2mcAdz3ekSu243O9iPThnc/9SuD+AFdVfh9fKKuxSv3Q0K7IBCqK4zqa"
    "5xP8gFcEAhAM4CMN9ncwEcUAiAswAcPRjl2EzXCcukOdubQtI7HuazIq5othzExYyaONQY"
    "Xj9054I7mVwgnwf5mLiyHf4JnQguZOCCrSXtkdmO6z5toU/rYSN53IDum9a3OXF/yHDg/p"
    "B63v4QP257kvg6K/7e73aSx36IJG4f10Bc/w/RNetg22jlrxOH8cBZMnI03daYdYHP+9/K"
    "8ecBQhQxlfs4n93Wf4mzoNHuXsdt4NjB9Vp5kfnC2dKJPkoqnBeE88Jp7TnCd+HUEBbmc2"
    "E+L6zB8RTN5wVbkfdvPRc23lLZeLF2EvK85+jeghaz8UYbVDfZeMdeU9kM2j5v42Vxg6jf"
    "C9bdmWhTx+Q3AkPsR+KxxiJPM8oIPIIyO8nOu6+eua3XNOBkjgbPsWb9ZgD7yMj4Ti0Y44"
    "hXlfD7VTLXmBxyyIcLIPtFL0ALVX+sSgxv4S/eRoXTKdpMZ4o+eWUs4PH/hJb83nmVMw1/"
    "kr8Rh40MB0bw+CMZ+oRDYjB9SWCYWBJT8M3IzNCxsjnPdQSfY1gYkKJiluBHSpDGwtiVOf"
    "wg9kyxzz8SZYWPxggzeDdTA77RNrjJV9dxyMn8S4cX8PTotw5XZZUsMqK6myBDMSn0ZePD"
    "MEiInDHMCICzAJN00PE5dMQLLBm6bM2gNXSD5mFTYWNjTvglDN6hujbVYJyFnjGDAU7gZd"
    "AgvTA1w5SB+VzMhj4WFnXGxitjhAE4igvDiM5g7hOqqLMVGDAuODH28gS3QQgYK0vktDKx"
    "MY0IUZX5QoE9A0eQAhzE1B+6wabAClvTCYYSwVuA8AZQ4dtixRFu55YYIKPDcMRvnCmMwY"
    "SBfmFwQStYglQU9gImTQ1y9kRHM8N4qPq5E2RbsR4wKMnSbMot714L2aKqSW2ZMtVcLqAb"
    "6PcTNRkFdhoPMHoAsn9LFbeVBNPh4uLiD3JmUUrcuqwX1pKpF5zYcDvWxlPo8IEuPQ4snJ"
    "GuqQQuYGfcc4G9wveAPycADGXjBU6EjPZ7YU4/pjndXa7yaIVWFEIptHelUHTx3FZvut7L"
    "EUv1mfRRo085GVKp3w+6sJI6uIX0ml9bzZ+xIh72JLH73udmZ1AjjgkvDJvCbbfTGnR7Nd"
    "iVmGYbZgG0q7EtLpeJIYH2mObh1xeXx588+7AsRE4DuRBfozwu3m9OE+/o0Smf0XiN9JiI"
    "X76+eInSrHuAPHTOzHH2iVEdT5/5/lAw712b6R2y85x7wjTi5LP3k48vrzhmindnyliPkh"
    "3xnHMo4KPnlKtMedKuNuRJu1rPk5YmG64DP6Df0xaZDX2UgAubDJDNXwabh3+wzLe7nc9+"
    "8/iciK/0vlSda/RHqPYD+8uKu5HB//5dhrH//l3q0MdbcZdNUQA3DfryFsAtoHn45JVKa0"
    "bM7ew9mw2eOW0+u5o7T8Lus11BwB1tP+jyay4riWYf7151s8Un1CpTDnBX203QskLsmWk4"
    "05mbXds9hpMzl2s83M5ri0Fu3u0qsQyiYG5uWzHXAl72/gCJqXAVM4Xz9KZwA45FBrSG3r"
    "nlgpdHAG7xIED+SMXiqnJfT/8K781gBcanIaEN0pvEsIkFgMObEYoAwhNtc8mfblKVIqgW"
    "gYeTMX01dha6psLzL0idPBnmA0Yi6oo2t9Bm43DblcTO7pqdm1bnc5UMGZzuYEOz6XyB/2"
    "KuMctCg5Fhkr7bygs2hKd/X2gmHZOhbqgPsA9ymwYmQsNPtKoSw7eGVzLMsYXEgyr2chfu"
    "BT8GH0lwVBqTCW9x06zfeBYUN0GahTYg/krpidJXFTU8dmxOig5g2g4fkLEvPl7c36YMHy"
    "WzVRwlsUe6RcMfEYnH6Od15yHyQrsd/9y8/tLt/lQj3gIS5FOXB/X+T7WIYVBi3U6/NWjW"
    "PAPhNgrzA2TuCmblNnxaUR9R2lzAWoeQ5eSVtwrWiEcvsb5/xQpdGfA/bcxqX7/BrPbKWu"
    "WKFzBt+FtXHrk0TCOk0melUm9DyqPjDZMcT8F7Kvrd+Da/hutmWT+BvIQC/+kK+Os+9uFD"
    "aV5ux2n3wOpiOneWg9MgIMju5g88HCcYflPXzCRSEU2xvnpynKhpGgleuOkGgSiVMAHkNg"
    "Hg2W+bPLYrMrFyFXnlEkVz0lew07Q9eJNlI9ddVVXurK8RsjJFpB057WsBTT/F4IOIYDtJ"
    "o8760rIHkOtlK1AdhzeymhapxM6NqU3sHsWylpUk41rodnWjfQ0byuaq5bM2tjtj4bj1kN"
    "HW5Loee6Vo0OLlJWskI2o/UYxxcpMw/sUiHGhgClqTLG6rMtiaRnnP3UvMq5hDTIfX0hmG"
    "UiAMP5LhRFemAPDQDcji8U4LS8P0liqlY9fUZs9gV8dwp3S70lpMaDjTwkYTU8IEjtBWRX"
    "7J4mxf1U3mI5GW488hjuH6kmP++M2Fsn0ti5ylreOY7kftNS+GCzU+tjQu1N6ul3Ag3BB8"
    "tKIROSmzhGQgYN7pJY9FNEZWAvXooY2i3pEuQW1iGDpVWDLOIaoYxiMgOxTIwZXjjufrbr"
    "cdWUWuW3E98/3tdbN39uY8Oq7XF/HgcJxr9YhQifUj0/pRgGxgRYNcpAM7BYSF0q8ISj9R"
    "9alAeav2pwhEvqmKlagFDO5VN6kAJ+FWmVzsfQq35jXPa6wvsRC1Ri1yNpxTgF4d1oiEOR"
    "0oc6hUQY9tqTI3TamSkElpH53yJEo8X4xbNYb3ALe/wX+vbm8leCivA1ElvFrBB5CSeVZ9"
    "/MGv/HjlXcEfC21BdY3RP37FF3P96dfq7bj/ek7oQ/dVZcrGQ3IWuKSjbgeHituYOBYdn3"
    "+EN0XuY0lvPxuRwfP4vIInTDVGePIo+G5UecKXzwyejIn/8AjciAPDopheirvAY9Kj+Uhj"
    "fFk4h/YmVSyD8XxAyyqmXHriPvZn9GJ6gZEG8Dk2mYHgbJjLfRXJcdnEtZgr27NQYhZpO6"
    "5uUGKu2JdZPg0ojpsqBleA40io+3dgFw4dz23LpVAUextCEEm2zug0x6wo3SY2l4vFyLY1"
    "5zZ/V90CQo/qTw2gqIVzWJ2BxlTdGVPZPzHm1DsmkQsFZA4FpHsqznlk8SiKHKhXGH26K1"
    "PlstQFFMUw1pUq35EvOOZhSJimGCwplf10TFHKNywtWY2Zzpc1QsGcvTPH1YKscyU9IGVF"
    "UQJr67GDUYQJRZhQXl42OlAynKNp9VtzdMi9Vmx1VklQ7IdvVzfp9jXeUB4FLbOUS3AWuq"
    "GM6ZgrzDWevYw0+l/JkwL7FJsS2yAjyrXOio7xN8tz8mRqtk1hC1liyhf3qeQ3Y5RYNGHf"
    "/YvU8MVSIj9oScqadHnMb19CaeztZQZp7O1lqjSGt2LeTRp0rsxz+ZCFaUpwpIlCfHl1lQ"
    "FjaJUKMr8XOzQW3ce38MtDNN06ZQny6rXGFHOZ5hIfEMW1YUuvisSJwbpJG+aJMsFBHIbm"
    "datT731LPolfJ4g+198GzXo8PcxioWtb2ZmilCI8vMhmJmFNTF/KyhseLuTsQ+9bIF7kA3"
    "ZFIFL9Cq3FFtvRy2gtIiN+nRc5Uyn/3e3jpMZ6VvhXE/zQiZNbfvHASpL2J7hZ3aj7iTTL"
    "5Ni5KuCoRGtbkrmydKvyVYk2xjbwIWNUxwwxIdaQnFn8ua5v4khhY83+i7Wm/DnAMySQIe"
    "bnF6QB22uNDHHMke/ktteD/4+9ApyBw+YZXh8plmadV4O2jfZXuAP/9+4Q9PccKnPDYTbc"
    "mGjf3SKSC2rim/NMzPgGY81SsQ06iBLvJnAzuG5dSKzJi0ryIPYar1LJvw++ysYk0H6lSS"
    "yfSaZYw5KF4PFqIvIszqgi4bmQNfRyVQ1DHxtPzK0jGSrTKY+Wsq1Rc0hUZeG+JV5GDLnv"
    "K8Gb5OzfUkU3nrBo4xWvcISlGz8SRWJzzbK4Bg6bzRQLi3RCT+hMipcAQcxbbWqqbWHpTf"
    "gIC94/1Dd6l84X+LGKrp+v6mbq2iTwdKUY3o81QmeOyeDPseOan+j3BVVRFzii6AsMYCz9"
    "spdu8mt0deV+rj7v3bqawEru0fr64pL8zes1VBYNOPz64kN66H58J+IJ3uIh+0KBeNxQ+q"
    "T0fOn6rZScfGVQIO7fnSOv8vD4isOjgXuZqUbS5YYaSZfrNZLStd/P56Y+BU145a7ZazQ7"
    "A/mm1W907zH5tLf5yf7OJ7FPrV+aN3Kj17xpwX2+hcoqLPUa3us1m/L93ecenJngnkmp7C"
    "ympjKGlf1Tsz6478HtTrvb+Knmp3uRHYbJViXW7n6rtwff5Otu575fI7qxVHR7KY8M5sBJ"
    "4Pq+c9OGPkcOG+tbJSu/zDLdLtOn2+W695SLTYKMs6Hq4Ypmy9jY01G37aegJx598PC27c"
    "SL9lDo6QdH2BrBmCcGR9YaUfVHb7p582ybYb/nzO+mklSCeMOA9wmOW071RGt7upLJOr63"
    "BqMp1pQVSVzJS1VtrugXN+6/B8P6BZAGhG/r7bM376qXMR/izv1ts9dqeLdirnxRkTHH4T"
    "6B8nhq1UNVBt6/LTAkueYAd43ueND+eCrplOJKgHV40x1Rk2iFL2rEFLQPX1SuIsnDl4Cg"
    "GMwolSP9SjOV73AeIRMF4LOcWFRfDZ0jMGpFdMRwKF+LdrLRUOGXW8M73eU9RlYCJ7Fj+7"
    "0LL4z0g055vTBEWeiycT3B5eoUykK/NLOFt0gpvUXiNQMShJdrj/DTTz2qKykniLz1Aoqp"
    "v15D/I+DxgAxm05dnVIl0Qtkdbu62Q8k2jBLCFB46PzFIvDhjLqyoG3w1FML03jUxtS8IA"
    "2TcmcN6IsoJiWUqeZygXZ8xebuApiLP66UPsQzJKB/pCYBkeKRuh4axhyYRXRlSc2PZIgV"
    "3OiQYNpR1zdCg27oHN02dPIE98y5Yj5Y2V0FLMMxVeEs8LLOAh4T1oDNWA04oC600ac/6L"
    "XumjWCWC9oULI5qNYssX693ex/6vYa2ErRqTUx4MMk1rq96/agoRszJ7H6XatGlIWGxYJv"
    "u1gseG4A9bf+oHkLlEvLpvNtTEj7z5I1UiwqO2ZKQe7kSROmKYEQG4X4KpO7wtUGd4WrdX"
    "cFi8IaaGOqJG9JzaM2SCQuAe7HVh64OMr4Zy71cJxOaIn3riWmDOHJm00+RCW0l9m1l5Y6"
    "o2NHz+WfFqYpwdIT21UzLflvNiz5bxKWfDvRP2PDMuMTFGN9KZVJcKFgSuDtCpDHaUWcZn"
    "GUhuu6Ys4tOS0dUfoCF6cr3SJ3kHOtW7Pd2xu2UdAndiBmWJFnmLDBpc+407TGCBvcn5Hr"
    "wgYnbHAFB7sseebYo6GptJJoX3JvVTfbllaNnrMrpWObzdjCVd+I4cZ6yn5MrQe2ZllOsM"
    "IjbXX7UiS4/ISelMDa1dN2eY6wHx3TfnSC4RQvFKm1XUSF6pgmZeoyj8gbpjmiuHvfvzmO"
    "xPs2S1bA9KSASQo9Z+vYtxV1oU2gN736p0GNjE1lYkuse9fs1IixoExid/XWTY0sFG0ssU"
    "/1VpuHwikaSO0S+9rFe7BJwe/7TqPbbjcbg9Y1Rok6DDDQ0eVgtF2w6P5NnpHdKo8kEyEs"
    "oSBzuoJLkh5Q24bFITKhhSoyf1cH1Rw7XoRoq3W4YBw9gh0rdtTPGkoYpRKiv6iD/AIIW8"
    "4oeI98CCdQboVw0dYLob06Ye1V0rK8B5gboa5KCnFsO3oe3vD83wPE/Vh3p7VqZEU5YdHc"
    "PhRioSzRaXzHWIg7t5fyYH7QYAhMK5qgpPayjaYrqL2Ups8HPdw4JtIQk6qGOcbki/jiU9"
    "NwMPOiYT585CEDwAEHi2/rS6IqJq9NrmEyxPF6pZO99Lh7Re6oaXu/KvCV6mhGFdMewZOE"
    "8rtop6LqBuV36ZPVueEPcqP/1Q+BkFXrEQMeOg2537134yWWTJXdSBCJ3fW6jWa/L//cvP"
    "7S7f5UwzAkFUay/ERHM8N4kNigV2915MaX+15Hvu3eNNs4JoBlMs89KvNVCJ7Q6PaacuO+"
    "P+jeNnt9eAosA1T293tLYs2v9fZ9fdD0uhrUuVqSYjZVAM7rja9kmOELPqL91X0edDbR4E"
    "P0R/dh0Nf9Heo+AIbPt83OABq4vg2yRad8r5JY774jf4JXgq1uUCOmw2TMsqoqlu1/UbtZ"
    "v4l+kE6VcfR7sE3wLXg7/B28g/hn8D68r8B3uPESScjX9UHji/smaDfBpcItVAU9/tJs3E"
    "OH9cYAWsLzYEioDnTmRSFi8Mqg2RjI3ftBA+DtYxyLTVVb9hLGrqUezqSV33uxntNTzFf4"
    "duQvqJmn2T/um/eodnepOaM7rc5nzl0GHIDhc99oNJs32MhyVJXSMV1T1xdDCQ/zHdWBCW"
    "zbmBVmRSSy2GXICQNz1IKjXh4daYhE+MBm8YFdKKYyz1e5OaAQrv4Re8N+KtFa+P452LGi"
    "2IkdxRQgjxfCZZpGgjYqPawxICiDIebYsYyKbWMJgDzZHcMkx7MWnEpeR+HVng71afo3Z/"
    "Fqh8O/uR3Xo5TCV6DIvgIRtVlOPsdpBaeLzOmJxjRrttWEjpEKPheZz8J1Qlj2X34qFS4u"
    "JWTHcbXwXNObbkH1qw4+b0dt8f6u/e5OcuVbt6VGjoJonjCdhNGdH60+9NVzSmTp/yOnIb"
    "kNEkMlwZLMr1c3mZJ1v8XzCfSwIpJlYIo7ohrzBVay0xi39k4cxqjul7g7M7D2n6bTc7gC"
    "LbH23qos4LpJeZ8dZwq68tKLya7ZOCEoK8g09mxg1pFN0wmPW9lTDv+oIK3cfh8V9hYSVv"
    "YinVCqG6zsxS+5dyQrx+XVVQYrB7RKL7CG92Lq3bmSlDonHd6AoAzq3SMAvCnDZooK6iSy"
    "ahYpluEEPQUw+C7nslEJh+393O39xH0E0BeO+wg0up2vzd4AHQKAA48U1ZgSu2n1/3Ffb7"
    "c+tfDGWLN+dxSd14aOn49exl9AseH5I8fOl7oxSiWsrXu3+gmzyTasODl9W7BQbMPoGK3Q"
    "rBaZ0yFZNMdRJEpVvhPfYU4jEbE+z8EvTigAL3goa9GwFpGsJ4CwMMf8eQMtC7Zg7DXOcu"
    "/GLh4nsQ+7DZon+n5n5eDQNpYbF4IU802Az2YbjhwwJYslBymwOhHPSGW7gS9kYhpzbnWJ"
    "1TBya5ZyGsKfTs6wkJFpPKHhhl8/ryVYdfb/EIkNMQCHDsnriws4cJAz7ElVdG3ER46nYE"
    "HLAQY4jZSRpmv2knzH8815lT/XNhYEDvEaf5xXYGmq8L8m8BKGacFQn4Cs7JgAHYw+CtzX"
    "5gu498ev5Mz9hfYp3Zi+MsZj6xx74V0z+t0mbjDPnsIc+ddWqh6LhXmkYCeG6gbzSMC6zN"
    "E2AcUxQ21eRkzfR6xNaILngjlGJ8DOAra3NObRBYdIiqEILlUFH4y/n88pG6fIJOlxIOuU"
    "JbDIHjsehB9mtvJjDxMKLXyhdbP8HCp7B8p8epYkUqFoEaqsF0DYFx2yIxui2A+iJ3/QF6"
    "rBIqgGI4vqHrC+xX++rrorKdZJe9HumsLoArPODV8LmJEXvqfySS0tWTkQWlAzAL9TSrG2"
    "NqHqEg5LA1NhqOVKrrOe1Ky6UcfoE8h2lOJZbSOMAWLZdIG5wlbe2n+xyG+GYzK6rJInzZ"
    "6Rpxk1KdFsosKbumpC1Ks9zZbrHuP76TKnei6ma98xI9jz3tYi5VjBDgHVDdo+HFwyrHFp"
    "uV+e93aM9lBgD4MKJsSqcY28xG7/0a6R+e+YSQt/Wfire4fZye47rcE39IrEQCZ4JXspMT"
    "9vWC2Ys5gV667eQbUU5sNa4NJiMO40Oei5ibK42yRfY/id+kDutfo/1Yhiy6ZmPUBbTDTG"
    "3SsxtxhP1NRE0q917nRpUm5bUOyiuFaCxLnTSAnTF9kTWQyUnX1w82qXhFrpBNRKmyIPMn"
    "jFn0QUQqU/6LXuMAslLwEhsS/31/277qBGPNdFWAfq7Wb/U9fNVRl42EnMTW7pJ7aEeXzX"
    "gjm80DA94m0XcyLODUx12R80bzHLJRwE58WYr/mrIIv6x/lyv4niGEIPe0oIC71hEfSGon"
    "ZDHoiP6VOYU7nFFbZ109YmrsZpTa0VbVDdpNBytaJKuO2zqqzBjJLR0qaWq3hy/dQ8xWqN"
    "J7jH9xmTBXRrkTN6Mb0gUkXVFcvC0D5TgsdIFcsxH0HM0KXKObRUH9bFjYM9SGIaI+hX9y"
    "9tQRRTnaHb29PMsCjpf6m/urx6TzSLDMOK8QsfItmaKdBgmFF3JvRPx9Q/oeRLkwq+XmtM"
    "MVMqvoaIYgjzsXe6a1wShteeY00gIcI587rVqfe+JfuBXCc44lx/GzTrcU8Q7V8Jslx6oS"
    "uvuTgiiaSguaAub1JQIXocel4V0pHp5PdjIdy9lHC3nZ/CM+4jOR0WdnUeOQnHhS1dR3YX"
    "8nxg02S8EPDPiXghhmdzVuCIUD8MiQtgQywLNVwJWmg/AqmqCu8+H1ETJTFqRkKauKcBUi"
    "V7L+z5GRKT2HBO4RGqNSQzQ3cDkmYA+CvDsclEmzqmK03idfepSA0XUJocKRbV4YXImXcR"
    "WknMlx+99hPMz4dvBe80dDXXQ3SmQA+LJ8XC9H34DzNsDL6aGxiQ9T8ksKllz8/n1+DyOZ"
    "c3A59P7yUQEl4URdo1qxuk2PTCbcm4nkKxti3NJ/sv25W68aUO2xCFOFYnlbs+vfRmKqzv"
    "GorBOY2AsNF3blooLdZI0IfEuPcEXHKjd9GfYtDqub4UtmYWxY9CVIwqVOiaF1ydL5gwRF"
    "MMlpQqmtA7OubhSIikGAwp1RzxcxokbtjpTImRFYMxpZop3kIku95J/saecxmLUReDTaWa"
    "P0/w9caTzKtG5bUlxGlLaE04EetBJndKj100SXTMxGiaKEQKNheLzSrcnExyHVFCJMVYYk"
    "u1E84MU/sXKoOVZZ6ymHEyoVlI0CwEPje6oaYcAtO1YonEwr84i39xzNdpK9RXpCVUS75/"
    "lwH09+9SMcdbwudD+HwEVqEt+B6nFQnOi3xu8zTBW/A5Sim4XGwuJ4c+bUpDVqLQp2OnHx"
    "Muc8Kh6+VXrmM4dCXE/mEwd4LE6aef/vTT84mn/TCeHnRVIvyTYyV5Xtk9AfbVz1F7klvt"
    "ZsDGpjaxZZOian5HuG6wqx7vqazDa5V0fEes8iSBP0mkcL2S1ZnCprtChctVg3dUaqz2Ma"
    "oQqtKNqlyxletarXREs5dsWIuwLMlGkNNJubvKVlNJ8FEO365uclE2Yg2fc1BO/9BMnrWx"
    "ytZJxa/DxbFz+t2qumFR2fcuO0bl66moRi1chzkkxa9GfTQd/UHKJStzw0mKL741GE0JL1"
    "6RxHV3VNXmin5x4/57goBvwPem2Wjd1ttnb95VXe/sVV2Fzv1ts9dqeLfimW2wSo6aUMoi"
    "fQyHaY6oRLvv3xzHxPc2iwt8ugd8QjXq7ZPunUbGvbtet3/XbAx4BeqFaVgLqtq8CrVXbL"
    "pRdzPledWmXfuwxIDurtuvtznRwoBjgsQ6zc/dQctrz+jUsDWvdaPd7Tdv5J95yj3c88fy"
    "U+g6/H8Q3ID/8yWgAF7gol7MEevFgOSlKpYtwwiDoWOmrGsZ0qImdVTsOdi6a7ZbnSbMJW"
    "3Bo+okdt3sD+RGvQ8XR5R/jEUxd+XtbQunijGfa7Y/f/ypI7Eu3OWZKQ24XZislNFT/rpB"
    "L2WvilBtMuYVh5V7mUz1QTMGoGbJLocT5HHD0KnCUkSBMF08YQsQHgq44MqRE7Z0u+2I4e"
    "y6FbeM3d9eN2H0xo5Z6+5UgNxTkt3mObifEjUhAutNWAt/nm0YcHIGf1FMfcOee4hi6iG9"
    "XA60o1QC6oLXrS/aiiWyzJ4CwsJv5aX8VkSW2RfKMhvT6u3HvB6y2vWx1/KZ2nMZkLc3iY"
    "bR22wdjeGcyVAqh1meyWpa4Y8hMw3GnLnk6ZZYuOAIOesHp1ISersvLsH5eg6nfXS4jcV2"
    "o0U2BJEoIVXInbq6wYL5ZyohJewUojyUGASi9JPQmgmt2UFVOetnoqz6hjVCoW4QCh2h0C"
    "kW2AdV6MR8c3dFOtpbWYFeWzaLVD8oMtqTFBOx2bBBHRFv+awKok5syhRmX5DmI0WdAcr8"
    "xDSeyMJAlIliY2WedVVDHkJRlqdYMr3wSl55JWc63l1uON5drh/vLN2Z5jpGe+33g+/LDt"
    "0Iuh+ygPshHdsP60ZQ4ceRCn258rKsnTazmF0U9XdHszR+oLIWicn38phe6qvu+n5vJzYq"
    "MsU3usXJd7RT1dWSHdejEC00+YEm5ZTLhdFCg7N5aTEy57Lh2Kox39XmWTfn3VBHZQRLVe"
    "YLBWS1XVMgeN2UFiaD2bA87YqS20tpQfLcFvaUTqPsMMm6xvaVq6UNXZUeL5Hbpvi5bU4S"
    "MfhS7ZGa2q5g3bj9lPZkJZIA5UHLj87bEalPXjdlhckt97AjSC3eybViq7PS4sRUyrCS1K"
    "5Q+f2UFyibTt06LztDFfRUXrAeDU3dfUzxXsoK0m/GaEeA/m6MygoO5rrbQ5a7MsMjUgFm"
    "QQruMFfLvStS2oSqS1Wng6DHsmLmVnH2c9jtiFve9HUnjJhXvXUfgO1Q5vwU8Fo5rewsHp"
    "fTyyfVpVKEXeWGb6Es55Ttuo7dub2UFSSRMlekzN0/Uhad4qSRLaYsrJmx6xzsu931vd5K"
    "i5ozCjrfFbFQV2WFy9bUB7rz0HL4njjgfZUVKWvJVNl0dh5U0E3PKe94QgFvL25Dg1VPZQ"
    "XLsTAynD7ufsC6x56ajyU+Yz3R0cwwHvaC1s9uX6XDK1cwQtjYqmooMMPqpm86lWVPu3/j"
    "9djzOzytSL+NAOcI4PDFnoTYjZBElB62sQg1yhCx4TUnim3T+cImZwrpw4cuKAHZxJzS84"
    "9Aq+l0jAEYFplQ+GXP8K5jMuIVe7eSQjr22HO2NBK882dTSMSysoj8EScUayIytCesOElQ"
    "igztu4ziA2dot52E/TJzinaPusjhU5X+faPRbN5gXmfLUVVY2THX812zc+MmwqBszJNgfK"
    "q32tjI3Qfie0gW7uw/LQW+C2w8APo4V1xbnE5kL8iUvUBkASlnFpDgMJZjCkWIirzAFWkC"
    "iUyuh0r84TlV5QM2SrQVrkXbBEQ+lRNAWORT2VFPUxUJcguZIDdhRd4DutldXQu2GmfFNr"
    "oPFSlDTchdIUHHGXVmSFdzhtwnsqo6/eH2F4vo9JHqxCUfV4lhEs22SKgMFpkbj3QM/zcp"
    "saFZgn5zl+4kNuxTGzNBWhehL0Em2cqwSkbUfqKUEfvJIOj3gA3J2ZBnP/3vIUcUPlQzLd"
    "u/nZpvd5MuNGGN21EfuqHQ6O6d51K2XmvTP4u+9cfLy7dvf7h8/fb9h6t3P/xw9eF1cIJY"
    "v7XpKHHd+oyniYjwkTGrL58C26q1oj0UWHNSaXd/rhHdeJLYbfOmdX9bI3M61py5xL60Pn"
    "+pkZk2nUms0WsNWg1M3wq0tqa66uWX122BwL4Tn8L0RZbPT5xNfDpsW8sxiXjLgo7FPPok"
    "2jv2UM8RBve2mK+TihKaWSAXyt9SKn+FSvJQurNI2Es+eJNIBcZCPyn0k8UCW+gnCwNxbv"
    "1kZI3dA8YljUyM45y0NRVNY+lGDaUoLIOQomf0lVbQ7ll1ZZdRX7WHtbcM+NMfjmS05H/z"
    "pxAPNkyRPeT9Y1baITlDV8pZanGv/XYvoUITw40N0xrWuBenbSwIfvMrYLyFT/EdOmHl93"
    "5WCQxcCuNGmy+A9o9fyZn7i2gMhPfpK2M8ts4/QtcmxfrxlI3ddCDwiIWuLEeG8UC8sAHy"
    "T/i2Xz+SIR7/ZTibci9S+b+HruSvMDJWlha8ledeqrAxUSSeQ8VUdHL1+r8IJhwxH+EPlK"
    "D5N1iO+ajhFReKMxwW5G9kRJcGc31V+Y2/WGQGSP7LYIhE3YarFs9X7mYwB0TPfGyrJMCw"
    "GgX4vEZM+sp0GEOwNItoYzpfGDa84Ed8lMTcWU34XCYwaAxiwfsCoJiq10KunYUWrNCTNp"
    "RiC+8HQftKNb6Sba7Jtr4RrboS6t7SqXu3VZIIDUk1v4ZkJ3Wt0NUew12U73rrLPp7v9tJ"
    "8xQNSOKKLA02v/8QXTtcnrjKXycO43smGTmabmvMusDn/W/l+BMEIYrotHygz27rv8R50G"
    "h3r+PKKuzgOsaQ2FkhD2MSSAWD9s6g6AkNj2X5dO2J5MLCkcXCEYEOltwdgPeoBe65ccf9"
    "bAfgfXKBfAbkIzJNHjtThFCYm4S56SS4KsxNp4exMDcJc9PLbwTC3PTyEAtz0+mYm+Ix87"
    "Y8MRKGuShqkjPBTE7LXDw/XYJ9LiGFXbqVLp4+L5utLhIL0Pt065perCrBVxkTr9Mq4ZVc"
    "iK1Rk9ufRnSmPGqGgwYoVYce4LrB0HC0Zq7b+xMkVHJRcja0lQfKZIMNz7mZybfpISkMJL"
    "9nMte8DPoXpBsybAU2Q3wa9pjN1OQ/NLdhKSCsBrwSJqbymZjCbF6X2lO0JCGaTQL76S6t"
    "iUoSEMDjOg9vXqxhtyHwfkVSZFNR9lEczeBymSWFy2V6Dpe1PDkmVZPT5PTniq6nLhIhsj"
    "IJam8vf3gfLA/4x6YFoX9bb7fXpeCJSeGTtsA0QihQjetvGLUVMzeoYTqBaXzuP1LmJMUg"
    "p2vwQzTC7SGbxSRJaZAxSM2jLXIYYdizIe714PtDxIWALFvdhww73YfUje7DWm4ZV2bIu3"
    "yEyEqUAGUfi4cwVQg1+ikhLNToQo1+ahBnUqO/TCBBpDhEkq4yVjxig6Iy3vI5JWU6zAdM"
    "rgyj0bR3dwSPJRVJcjh386IeTRX4Z9EDHiyT80JXEnaNdA2V376E6qmDZIX8U6QZHvRa9T"
    "bPKAx4KzpPKVxvDFpfmzUeF/RIJXZX7w/km3u4slAsWx47cK1R7zSaPPGwip9fmNTDFlWS"
    "qlSkLjZB++OdV98Uer0JbahmwmlpQ5p4r73IEe8OUpEjPp+FIYuBIVeOeP/YtAbyM26rEU"
    "rht1psv1Vv89mCzzHSPTC6YDq3MvF5JTvlWDIjRAVWZRfp0Cu0q0K7ekoIC+2q0K6eGsQ7"
    "alfXcnnvWJWxdHm8D+suG6m5m6iAjhXl3aSB5k1le9V2rzroHGpmYwGsP266EaEA3lEBbD"
    "mj36iaz0txRXJEJcJxNAiXV1cZzsPQKvU8zO/FM9ouNDUPwgFBkdW+WyL8/l0GgN+/S8UX"
    "b0XhXZiaYSZmwcmmZQ/TFxnwUIaWTrd3izlYmGHOFT2aoeW+97nZGdSIY049X+IiaNQZ6j"
    "+SvKE3uOtFqIrtsFd59YacKWxqLs/JxQWBP2CjBnbAe51nY8GBPflWe/MaBzaruCKEQpNZ"
    "aA2XqhvWdnrMMKHQYhaax0K5JpRrJ4SwUK4J5dqpQVxk18UlU3tOsteid6u6UV0EjWTTye"
    "as6KYnBgo/N7FlOKZKa+RppthEs8lYG8M1oHYjj59m1KR4HfY7Z06tlHzHO3a4e3E11aTK"
    "yjyPzpTVg3pF8o/kv4R/ZPF2qOom9VjAuq389wLqQusV+oNe665ZI66tW2Jf7q/7d91Bjc"
    "yckbUwbIn16+1m/1O318BWik6tiQEfJrHW7V23Bw21OeqgJVa/a9WIstAkdtO87dbImM4N"
    "oP7WHzRvgXJp2XReDI0ELo3bstWnLTRTP92329AVEAKbOo1e87bZGaDOSGOw/KFWpSipe0"
    "/PR7YCTR3qr6qZWfKP++Y9eru61BLr3Xc63G3WSzePXrL3fWyxUBwLW/TvG41m8wYvWY6q"
    "UjrGq5/qLe41O1G04vjM2rCnznOZEQKK0lkRrrI41Vyl+9RcJbjUmFZSYqP0JMorimLkTs"
    "bHliZ3sneAzKOAWVEcTzXwutCnrhWczmKcE84QhYBzDU7mlcDOA2iYRkC6lhcl2Goz4rki"
    "EGDGwVwo0yR/o1Qsg/YCyjiU1DRzVr1YURTjXFCqmgpzalkwWPMcg0MkJTwHZzsIbzoJrx"
    "+FI8q7XFbOCGUJbdkVLEHWZfqy4jkxpoNfJLunpzB8JnijMLFYwrh9MOP2RGOaNduKzTFS"
    "weci81mY2g99MPzNGOUDdkWwHzxP3iwkHBdeynEhj2U9MuLXedFldGDA/zJy4u9uHyc11r"
    "PCv5rgGVDfyUdhYCrMcgsCVxL8FMK3q5t8FexYwwwJ4A1GXxmTCVk4pjpTLErODHNMTQv9"
    "DZjBXoXzNQVZ062PpNH/6hkxrYQqzXvsN1OWJ/rdpiZT9Lx5ng6e30mE9hRsk6pu8F0Ij6"
    "I1dNMVEjGyIhu5t1RLHCToPb/EUlo1RJkkFWVuOElhKxtyGK1IRBojd96INEYvmcbod0dh"
    "dmJ8XOoWGyYRSc3isvXpOQVW3DNozuH7p3QMXJjGgpq2lmShTLeqRamKYVkrl8eNCHsSYU"
    "8nhLDQHoqwp1ODuMBhT/foI9F8pCwxXU7obnWTQtHBdjINGj6rULwzjbEDmzcnrJGhfy4e"
    "Et4JV/8NcaAMiWKToWIPyZkxsSkjC5O+Uqawo01xnPAijWNl+T9PlD4kKBgP+JzdUvocU+"
    "En6jrivaPUdUQAE8WXZPT99iXUBe4/HY1QBJZSESi0KPv2AhaCthC0i7x6CUH7FBAWgrYQ"
    "tE8N4gIL2j/T0cwwHlJF7cj96iZh+8ltmUfcroM4azxqYxBiORXBSt3aI8i1BsMsISDAEp"
    "fX5IEuyVx5oBZRoNVCV5bwgxmvjEWS+86+us1Woy0w8PCnJTnxCEcYkcRDJPHY2VYXzK9E"
    "1qa4N4VoiszQLfUZh0lgLPRFB/UdWyhL3VAShvEGOXhFcnwh+GVURgcRd08w+Yx/esmpca"
    "j0mo1m6ysmjvF7kNhdr9to9t2cM6ahUounnWl97nR7eA0O7nB8L2jKGR7JvM65Af2ecl4K"
    "CMpQx2mTbrX5y2DzRAlUq+1u57PfPD57omj7Y2aL0LwYqVB0F1rRHawDW3A6TiuiMIvMaa"
    "GQFArJl59KLxM3uD+NWZ2amjqrJOjKvDvVTVoyZdXmkGWbhMLpmAqnR2paiVM8XWQOkZRQ"
    "aj6IVgInVQ6EveYlRPcwRVwNZicW7NmQcnJFInQSOXUSa6eGY25mf/x/A0wPGg=="
)

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
    "expected_churn" REAL NOT NULL,
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
        DROP TABLE IF EXISTS "campaign";
        DROP TABLE IF EXISTS "decision_rules";
        DROP TABLE IF EXISTS "delivery";
        DROP TABLE IF EXISTS "retention_action";
        DROP TABLE IF EXISTS "incentive";
        DROP TABLE IF EXISTS "arm_outcomes";"""


MODELS_STATE = (
    "eJztfftz2siW/7/SRdXW2Psl3sSJMxmyu1UYk4Q7GHwBZyZ7NSWEaEBj0WL0sMO9d/737z"
    "mtB5KQsMTLQtPzwwRLfVrS5/TrvP9VmRtjqlsXdfUPR7M0WzNYf0HZuFIj/6owZU7hR2qb"
    "Kqkoi8WqBV6wlZHOiZRVa9kKmo8s21RUGxpMFN2icGlMLdXUFtgOyfqKTi2isDGZK+YDtT"
    "U2JZycGBNiMErmBrNn5AxbqDOFMaqfV4lJVcMc0zEZLYk9o8QwpwrT/qlgrzV88NhQ4cnQ"
    "2YGeIbGnmWKTRr3B+10oy5GiPhDFpEQ15gvHBrqJacwv8GUcpv3hUNk2phQ6MuGV/vGPSr"
    "g7bMTfAX94b1D57Tf4Q2Nj+p1aSIJ/Lh7kiUb1KLs0DjW/LtvLBb/WYvYn3hCxGMmqoTtz"
    "tmq8WNoz4JPfWmM2Xp1SRk0FXh2u2aaD3GKOrnsc9hnofs2qifuKIZoxnSiOjjxHavcFVt"
    "cqstzpDuR+cyDLlbXx4FOE2OddUg2GYwle1eJfP8VXeHX55t2P7z68ff/uAzThrxlc+fFP"
    "99ErYFxCDk9nUPmT31dsxW3BMQ7PAY8dUVxvAJ5kYAOCGLbwBBhxc3qBP+Io+5hugtm/sM"
    "J5NZWOAPQGFG/qgyaHcQWbP3jXgGvMFDMZuBBJDDp4jUMBVlF0vXKooTlXvss6ZVMYDzXy"
    "5vXrDRB+rfcaX+q9M2h1jo80YLV019OOd+vSvReFWZkbjjtnoyjfwmq2TIZ5RRIfoFTV5o"
    "p+ceP+W7Ih2my0buvtszfvqpccYOsPXbNdgO9vm71Ww7sVG8aOaVKmLnON4xDNEQfyff/m"
    "OAP5bYZh/DZ1EL+NQxze/+RcW1gC5fP72QkM431saXhImDwk7mjxA0cU7U+GSbUp+9lbPl"
    "rwZgpTaQK43umwG+vuxMD+0x9V/tXV+cVUnoJTVtJggx+AAHVXkUa936jfwDaIyOMZ8Ekx"
    "x3KEBXjHuDRiV4K267fml/P4FYUpUw4Sfs2f1dAZ3fvwhNO7z5n0M7sJH8H4lymr1s8e2b"
    "twYsZNw4K/ycQw+RFadSzbmFOTaMz9W5kvFBhQ5MzlOFnAveAiP2l7FOcXawf2vT9BYhIb"
    "zPBszmz63SZnFp3O4dPhlK9ZD0SnjxTGyKOiQze2BhScfqiY8yE502AeAEqPSD5GOYBIFQ"
    "ZvIFXOJaYbKgx6LiCMgEazycKwbGpq0Az+eFIsMoYBxbg08JEM1ZljMnlhGiNlpMFWtBxW"
    "4aL+iP/MTXOIIoTEsDuNgRhhIQl0iLfp9wVVYYLJUxiv8F6N9lfynZwtyCuyIE8aSDDBm5"
    "7DNSSrEhBSoDOJrd5qThV2Hu7ONDToLdI7+S9O7sGwQDp8Vf6ZJrVgJlqAKXahw8jEgTGs"
    "EQDRXLqvzeks4IUOcpAL69m/+ACUoRGy1ap69y3ON0C6KjGT/s7fAf90Bban2RJ4ZIA8RU"
    "xHh8F4cXHx5zmxDHgV99NWA0VVGBlRwl9KY3SMb4gMNw0d3m4G84kY+Go2MaFrY07OmBGC"
    "7IIM4TZIb3RINItY1EbJb+iKgV3/jmFKsGDZ7msiTwmwUUeJUpkAwPyNgkH4BIub8ZQuA/"
    "oNudjnDdY1ue9fldVaEFB4SxFHhh9rbMV2+OT2mVXBbgALYBfH219KvGXCWxX9Rb3CG8PE"
    "53/wjTr01IRF0H9d709kAsjKsmLv9NxcMu61Nv2riLk/XV6+ffvj5eu37z9cvfvxx6sPr4"
    "PDwfqtTaeE69ZnPChEDmnPC8MwHfOchL3mxzsEH5IBkTPw+3cZDsHv36WegvFW9BjsbUR5"
    "4A2RHFHOOJKQcZlFyrhMFzPWRDnc4GW+wSdj3GTOfO3IG8E72kORR3Wl3f2lRnTjSWK3zZ"
    "vW/W0Ndvux5swl9qX1+Qtsgtp0JrFGrzVoNertGgFaW1NdoT+3YuN9Fr3G+3S1xvs4q/Dk"
    "tS2TfNpCsyfMhDiDfNZtw4oPGTjxIZURH9amjH+q2Gq2+MSF5kT9ftCtEcWxDYn1ml9bTQ"
    "DfpI8ahalz3/vc7AxqxDHhZW3gVLfTGnR7NTQTaLZhFoBDq+PeNiwKHRaLzKO7Xveu22/e"
    "1AiISyC/0LHE6ndw9SteA6nWNB7xWq/5t2ZjgNd8+UFizV+bjXt+Dd5Idfg1j4+tzueAlc"
    "BAWA67nUGvi6uhKyxIrNOV641Bq9uB9zZCsnHuJTLLbvYmfTd7s66YdF8x4TBsGDoIdimq"
    "yRVVjOMjwziYxje4clyV73W32+YGNcv6Q3fPvLEDb+f+9roJwMcUwv45OGzNiAnrCXoz3V"
    "BSZJBE6hj+EyQvzpzbi8q9e3/dbpK7XrPR6sMc4rxYerxwb0Zx7zXr7Tjw+mM+qN32Atws"
    "4M7NhFPWBnC99scE9/XF69PEFrVm+UauRyDQzYBuREeZC+Y1SoF3HrxNQ9sObo9wS7Q9Td"
    "tfZF0ONLd5kA4TiTGdAWUu1alLeawsEwSoDUjHCcWYzraC+BaidbD/1u92UtePMFncY0VT"
    "bfJvomvWwYZ35b8nDuNyHxk5mm5rzLrAx/7vodSgG/iAMEUEGl9APLut/xqXHRvt7jWHDM"
    "4VU5P3wju4jh8CqWUp0wQtz4B+TzsHrkhKoHfeAPig+etgM+DBNGh3O5/95nEuxJRqXLsE"
    "W+Iol1dRjGwr4Au25ER1JJeZ/OMuN/jHXa77xwWoKQmn8RvPI/MZwJVEZ7mwNyf+OD34Nw"
    "381m2zP6jf3kVGP7p54p3L6AbgXT2La/iDTsgvrcEXgn+S/+t2mvFVKWg3+D80OFdQGSsz"
    "40lWxmFM/Mv+pQQ+w+0kfXX6ShYjE6tZ7tXM16puMcFipGKCFXmCGZMJNWU4jmnQ6RbMTq"
    "IXHC80x11Pp+QzyvO2pRB5gc8qIKoM6q2OazOyubeYxBpf7nv8ElfcU3cwv6ydz0NTtgzH"
    "VHflSaiXIrPmtt65R9+EucIcRZfYdavd5jY7z9GuQGzZYj2MUIqVsMgrIZwSKXOAV+jYuc"
    "7oDbE2a5Q7h9ycDpu3jLgJOZDmnFJRyj1MqRMyB57cnIr5L2eM+IlRiWifJF+FqEN2VmSj"
    "VALZBGSDEIF80MbJtsK2YOv+vqEVQYAiCPDld9b9BQEmbXV7gLkR6qqkEMe2+Azw+vFSe4"
    "A31FVZ4Y3u88/DG+xee8C3Fe7rtDa8rPjGN/u8McJhQUiHbkyNJngnXHu0n37uUT3NOu6B"
    "fuP2syzRoP7zoJHUCw1GdCUpktq9U92Y/WihyQ9eo2cDqOuM1O9aBNpfkC7Tl0Qh/S/1V5"
    "dX78lMsWaYlQjDSC2qmtTmsag2TLnxR4zEpRPtO49PxRaPmqXBC5CFYtrrUdSHe0xCMKtI"
    "VvSCyYr4v2uwpjsV+O2LHP5RJHcCdz7kQXhFsR+MX3b4Hjjuz12BZFyU8mAcIyvhYN5/uL"
    "Fp6DtE9umFXzUqGMrX7NUId+IxJVbv1Nvf+oMagX1fX1q2xLp3zV6dx/MZC3xjzOhQv7lt"
    "daDNeK5tF+i19zkBQ1vZzr8iSllCfXgFPnCMBxr/WJgOfZH0496KvVE9riuWLTvWVnyP0w"
    "rjYpENISZ9NB62dVAMUQouF5nLQr8t9NsvP5VOPsmdOffyb7kjIa6fCd2ublTSmHPZCLd8"
    "PtXdyKLmIx2TIFMe8Tvwc0dDp5g5mkSzxFUjaeK8lHVrGpr9di+xIL2d5CcJ+vcqv92/V+"
    "ntgKbmZirDnLAWGdEZjFB+5ZrayiqFncTOeIAZ+X9e04+8kXvNfU+eAw0ePNGmjslHEHma"
    "Uea2W6XCswie2s69rHFucCD3sxu6b2I5c18hxZ9EV+n7rB/ggRSjb/Ai0pBVUL2Gmb1tzM"
    "nmZYHDTa8aJIgD5BDBKQAHtwye7k/DPIF+3/hmzLDJ784Yxh55MkyL8pSDWqqqaz13t4c7"
    "H1PmXGTuflFlWIgZWTUJIZIiC7dbahF+yiKc/pQunP60JpyKfHCHU9B47sg5FoYwyfHOiI"
    "cK/927X9TKmTurT9SKQsAZhzO6eSccsTMkBQhIRcB6loD1xXhLTWCUUmgCC6w68N5eaA6E"
    "5qAQYJdEcxA4ziWoDcJOdek6g7AXXwbPDp42HOTYlUDvZg+0iBemQHxJ8oJ0tOnM1pdBun"
    "ALfpmuw07Uj2MPnYLYPVJsdYZOKkPyP6g7cBvWvsF/r25vX93cSJVIKv1IvSuui8CrY2V5"
    "/tGLzcKLlsT4A7jkPlScsUZhXgzJRNO9dOhL8kRN6qbRcGtikSFI+3PFXILs/y9bMeHd6b"
    "jqp1+s+skZ4ZrEgvyLVTJayjy5aJUEJwlG7dBfbsZ7zBD/kQyj2eY9LYOrPVDYWGKuNoS3"
    "In4rguaTC+Jrk3g5L9xiooneDfhAMnRzu8uUjTGudUgWioXEmXUGATs2J3xPmGDRgBe4hv"
    "RHybgudBM76iYeNJYAazbzu09bZDG60ml9/jJofwNad3mRWDSccxvj+p6DN4Wz1GGdpVYL"
    "Ww6QI0QFjk4ujJ7o9DJAV3Aff/TfJXum7sag9bVZIy61xBptNye0qmNG6AKsJ/6ZZ50X6f"
    "nNwjQiuVlEJN9HcjPveJmHIyESwZC9MyR6GM/Dl3VKwZ69s0cE32/DioKrFNe9kaIia15W"
    "r1MLdhea3b4riezXq9s+X81aH8LtsMicF87jqWw+UZNRFudxYTISJqOXX0CPYTIKCd+uIW"
    "Qd/Tyh0qtSySWB/KCB0g2D2a4RbN2k5t2qbrSohRplMKgtQPRDi5dNlFUJ6LO+olNrYpgq"
    "Jd5DE8pI5yXOZLdZJVGk321qMkXHQby5aG8o+cIutprnq/LSuaLpwh5UqA2kusEetFtezx"
    "3zeR7LJtQf9Fp3zRpBrBdUYl/ur/t33UGNzJyRtTBsifXr7Wb/U7fXwFbB5JRY6/au24OG"
    "2nxhmDZW/2th4T9NYjfN226NjOncAOpv/UHzFiiXlk3n22iE9x++GV4bErmb5iIXISsyW7"
    "e0hLzJZHJ6s8Hk9Gbd5OQue3lw9gnKZ2q6vLrKYtO7ukq36eG9U7OZHqk+9UHQFeL6cyfc"
    "oovn2bQyL5ahs2gLlsgieQIIC8XHSyk+Xj7NYcEWjKwIZ8py+EKeyD74SWqTEGM26E3CrZ"
    "5VnAxmlCgqD6V1nXeBl/CqGGqsGuYY7pmGZZE+l8mq5Isz6oMoViUh3YjCxp7kZa3rVg7Q"
    "fyb1SyAhmXSCio4EBQ1/pKdrWb/tCZ2p91fy57N6nYQJDXPQrZB3cFUPh951WDn4swAAGH"
    "xHehhWfjzKg7wQ+aM8y6uhffhREREIDv44X847AcXm888YG3MsDi20p0U6hVY3aE+Lr5U4"
    "ba2PUKsdGGBvxcmB8IpCQJwJ4vDRJSvIYZrywXwQDXzoNJoV5RBJ+UC+zDKS08fxelaQaa"
    "KqZVPdaJ+ifOAeZAT7YkdWgP32At5sC4RjmpSp+VaIEM0RLUn3/ZvjGJPeZoD5bSrIb+MQ"
    "ezJmFN0NVQq99jvXJtwK5ZdIxrJdZcJApbNloN302JZQnSrjnAO40m7Wb2oEKSV2+3cM1/"
    "1Dl1gff1n4q3uHnhj3ndbgG+bNRqUdvJS9lFjjvj/o3mLKbV9BKbHmr3f1Dua7qWFwvsJQ"
    "kIaW3c6gh+F8eJ0H+7veexKrD+Req/9zjSi2jBn61mvxSqzX5JGA9YFbtJeHA3LktlnhRL"
    "puYcLdxoQ70UzLli1K2RacXiMWQRRF5rXIu5W+mp5mEEUC29fybkXsSznOqnE6IRZkEgtW"
    "xrocWEeIBNCZgA6ZPXMgHaUSUGcb0xELcp5xHScUgGcDfGXIzQz1iqR8IL/Non18m65+fL"
    "smAwsPO+Fh9/JixXFDC4Nsi7IIMkwMMozaf3gc3Y4YheIHT2v9zYSRrrGHXQHyVGxt6Kqs"
    "Q0ljj4am7lr+uOX2UlaQUFO7I0JtT01cwpkGd5il7WHRbmsTqi7hgDQIeizriFop9XcuPd"
    "5d2QfKitZCWaL8sCNQd24vZQUJTTmyOlPYdNcR1YOeGryjUmNlqYa5D6j62E9ZkfJEd9li"
    "ysKaGbvOwb7bXd/rrbSoOaOg810RC3VVVrhsTX2gOw8th2+EA95XaZHCk9FeJOTBqqeygu"
    "VYypTK9HH3o8M99tR8LNnpIVcEXnTzTIezy+jAgP9lF697Xn8lFI142Yt9YvXV77AkYG0Z"
    "18k1MhtiO32NzfPxnbLuN32+PC0WZTGNR21MTT8ak5y5MZeBO1YQfIkFWxcKW0aDMF2qcw"
    "IHT0N/XPenOshDJGYbPGp0RY/RoDPjiWg2eVIsMseCAHnqqbxgXi4R9XXMqC+RM0vkzBI5"
    "s3Y2mnsLrDzK5ZIfpSoj1sI1WLiLnlZ2p6JxVaR3OgWEhfPJSzmfvHx6p1OF+ATyO3HV0Q"
    "Y9gK9ayqAH8LVa2ZI9ucGSNuE2JKwWG854rdkW0WE8WDYZBgai4XmVy+AmSN1Y2jVo/qTZ"
    "M6KsKQIO8hSJ6dojJWHzBKbrxmKtXlf4KHiDj/waH6DEouYjtchQsblh0OvRwiKsU5qaTG"
    "qTKiBppzCNkTLSdM+KLZQFRd3JqhuUBTEmxpZY3VBS8I3RxYCeIOHprrOJwbHd++t2k9z1"
    "mo0WRm5GD9j8JteyBSGzvWa9HTuo6fSRpuSLeV4xExAXWaistLu/1IhuPEnstnnTur+tkT"
    "kda85cYl9an7/UyEybziTW6LUGrQZWvQVaW1O3q3u7f1GUr9rbSKIRQiGIFloQjVRMzCcv"
    "JZEKgUmIpC+AMF9xEqG91qap6IapygTrT5eXb9/+ePn67fsPV+9+/PHqw+sA3/Vbm4C+bn"
    "1GrCOL0zr4BdJlnfzpVOhZiqBniexse8D6Fv/5uuqupFgnHQieB9vy3U93BLmMrqxxhMM7"
    "1u76rCyKRd/F5whqxRddvA+nVNyLotD1m9qgKQwcqzKoCgOvriwV9XyqH6xAnbcA6U7D8r"
    "5E1yZciCO8S3KWpLpLLLW3h14lJrEhbzEkmkXGmsXdhoC+0f5KDFiGyHBmmNo/gUdzg9kz"
    "C9oxrhcMbwrBG6jLaqBl/On1f0Bbm5rQP/nHEER4ag6rZOgs4B2Gv12Q4UJWUBU55J5IQ/"
    "p94dY7XjimOlMsCs+i3zXLJhPDhMeNMc/VyFnC0kjO/DbE5dF5NUTvf3rwxkjvqTtHnNq6"
    "/ozfPpwA3wzTGuI8nlDFdkxgH8wtCoNbmy/g7p+/kTP3F3736iMnpjHnMNy23VdIrWeYUw"
    "cajCuh/Szq+bK6QfvJx8K2CrmAuNAKuevPneubGhlN2Wgssbt6rznoyvzSQjEpqknw+q3X"
    "bO61619/rhFrNIU7mOtOl9h1u9nBfnTK4P6ndn0AL6i7Cq+XV9yleO1uUGAHFEJ1nUl1jf"
    "tBLoADCgFwFoD5PpsL4IBCAJwF4OjBKMdmuk5YJs3Z3hSS3vEwnxVxRbPlIC5m1MShxvD6"
    "oTsX3MnkAvk8yMfEle3wT+hEcCEDF2wtaY/Mdlz3aQt9Wg8byeMGdN+0vs2J+0OGA/eH1P"
    "P2h/hx25PE11nxt363kzz2QyRx+7gG4vq/ia5ZB9tGK/89cRgPnCUjR9NtjVkX+Lz/rRx/"
    "HiBEEVO5j/PZbf3XOAsa7e513AaOHVyvlReZL5wtneijpMJ5QTgvnNaeI3wXTg1hYT4X5v"
    "PCGhxP0XxesBV5/9ZzYeMtlY0Xaychz3uO7i1oMRtvtEF1k4137DWVzaDt8zZeFjeI+r1g"
    "3Z2JNnVMfiMwxH4kHmss8jSjjMAjKLOT7Lz76pnbek0DTuZo8Bxr1u8GsI+MjO/UgjGOeF"
    "UJv18lc43JIYd8uACyX/QCtFD1x6rE8Bb+4m1UOJ2izXSm6JNXxgIe/w9oye+dVznT8Cf5"
    "H+KwkeHACB5/JEOfcEgMpi8JDBNLYgq+GZkZOlY257mO4HMMCwNSVMwS/EgJ0lgYuzKHH8"
    "SeKfb5R6Ks8NEYYQbvZmrAN9oGN/nqOg45mX/p8AKeHv3W4aqskkVGVHcTZCgmhb5sfBgG"
    "CZEzhhkBcBZgkg46PoeOeIElQ5etGbSGbtA8bCpsbMwJv4TBO1TXphqMs9AzZjDACbwMGq"
    "QXpmaYMjCfi9nQx8Kizth4ZYwwAEdxYRjRGcx9QhV1tgIDxgUnxl6e4DYIAWNliZxWJjam"
    "ESGqMl8osGfgCFKAg5j6QzfYFFhhazrBUCJ4CxDeACp8W6w4wu3cEgNkdBiO+I0zhTGYMN"
    "AvDC5oBUuQisJewKSpQc6e6GhmGA9VP3eCbCvWAwYlWZpNueXdayFbVDWpLVOmmssFdAP9"
    "fqImo8BO4wFGD0D2L6nitpJgOlxcXPxJzixKiVuX9cJaMvWCExtux9p4Ch0+0KXHgYUz0j"
    "WVwAXsjHsusFf4HvDnBIChbLzAiZDRfi/M6cc0p7vLVR6t0IpCKIX2rhSKLp7b6k3Xezli"
    "qT6TPmr0KSdDKvX7QRdWUge3kF7za6v5C1bEw54kdt/73OwMasQx4YVhU7jtdlqDbq8Gux"
    "LTbMMsgHY1tsXlMjEk0B7TPPz64vL4k2cfloXIaSAX4muUx8X7zWniHT065TMar5EeE/HL"
    "1xcvUZp1D5CHzpk5zj4xquPpM98fCua9azO9Q3aec0+YRpx89n7y8eUVx0zx7kwZ61GyI5"
    "5zDgV89JxylSlP2tWGPGlX63nS0mTDdeAH9HvaIrOhjxJwYZMBsvnrYPPwD5b5drfz2W8e"
    "nxPxld6XqnON/gjVfmB/WXE3Mvjfv8sw9t+/Sx36eCvusikK4KZBX94CuAU0D5+8UmnNiL"
    "mdvWezwTOnzWdXc+dJ2H22Kwi4o+0HXX7NZSXR7OPdq262+IRaZcoB7mq7CVpWiD0zDWc6"
    "c7Nru8dwcuZyjYfbeW0xyM27XSWWQRTMzW0r5lrAy94fIDEVrmKmcJ7eFG7AsciA1tA7t1"
    "zw8gjALR4EyB+pWFxV7uvpX+G9GazA+DQktEF6kxg2sQBweDNCEUB4om0u+dNNqlIE1SLw"
    "cDKmr8bOQtdUeP4FqZMnw3zASERd0eYW2mwcbruS2Nlds3PT6nyukiGD0x1saDadL/BfzD"
    "VmWWgwMkzSd1t5wYbw9O8LzaRjMtQN9QH2QW7TwERo+IlWVWL41vBKhjm2kHhQxV7uwr3g"
    "x+AjCY5KYzLhLW6a9RvPguImSLPQBsRfKT1R+qqihseOzUnRAUzb4QMy9sXHi/vblOGjZL"
    "aKoyT2SLdo+CMi8Rj9vO48RF5ot+Nfmtdfut2fa8RbQIJ86vKg3v+5FjEMSqzb6bcGzZpn"
    "INxGYX6AzF3BrNyGTyvqI0qbC1jrELKcvPJWwRrx6CXW969YoSsD/qeNWe3rN5jVXlmrXP"
    "ECpg1/68ojl4ZphFT6rFTqbUh5dLxhkuMpeE9Fvxvf5tdw3SzrJ5CXUOA/XQF/3cc+fCjN"
    "y+047R5YXUznznJwGgQE2d38gYfjBMNv6pqZRCqiKdZXT44TNU0jwQs33SAQpRImgNwmAD"
    "z7bZPHdkUmVq4ir1yiaE76Cnaatgdvsmzkuquqyp31NUJWpoi0I6d9LaDppxh8EBFsJ2nU"
    "WV9a9gByvWwFquPwRlbTIpXYuTG1id2jWNaykmRcC92ubrSvYUPZXLV81sZ2Zywctx4y2p"
    "pc12OvFA1avLxkjWRE7SeKMU5uEsYfLMKBBqagNcnitiqDrWmU99y9xLyKOcR0eC2dYSgF"
    "wvAjGU50ZQoAD92ALB7vtLA0TG+pUjp2TW32DHZ1DHdKtyutxYSGMy1sNDElTOAIbVXkly"
    "zO9lXdZD4SaTn+GuIYri855o/fXCjb17LIWdo6jul+1F7zYrhQ42NL40Lt7XoJB8INwUcr"
    "GpGTMktIBgLmnV7yWERjZCVQjx7aKOod6RLUJoahU4Ul4xyiimE8ArJDgRxcOe54vu5225"
    "FV5LoV1zPf3143e2dvzqPjen0RDw7HuVaPCJVYPzKtHwXIBlY0yEU6sFNAWCj9iqD0E1Wf"
    "CpS3an+KQOSbqliJWsDgXnWTCnASbpXJxd6ncGte87zG+hILUWvUImfDOQXo1WGNSJjTgT"
    "KHShX02JYqc9OUKgmZlPbRKU+ixPPFuFVjeA9w+xv89+r2VoKH8joQVcKrFXwAKZln1ccf"
    "/MpPV94V/LHQFlTXGP3zN3wx159+rd6O+6/nhD50X1WmbDwkZ4FLOup2cKi4jYlj0fH5R3"
    "hT5D6W9PazERk8j88reMJUY4Qnj4LvRpUnfPnM4MmY+A+PwI04MCyK6aW4CzwmPZqPNMaX"
    "hXNob1LFMhjPB7SsYsqlJ+5jf0YvphcYaQCfY5MZCM6GudxXkRyXTVyLubI9CyVmkbbj6g"
    "Yl5op9meXTgOK4qWJwBTiOhLp/B3bh0PHctlwKRbG3IQSRZOuMTnPMitJtYnO5WIxsW3Nu"
    "83fVLSD0qP7SAIpaOIfVGWhM1Z0xlf0TY069YxK5UEDmUEC6p+KcRxaPosiBeoXRp7syVS"
    "5LXUBRDGNdqfId+YJjHoaEaYrBklLZT8cUpXzD0pLVmOl8WSMUzNk7c1wtyDpX0gNSVhQl"
    "sLYeOxhFmFCECeXlZaMDJcM5mla/NUeH3GvFVmeVBMV++HZ1k25f4w3lUdAyS7kEZ6Ebyp"
    "iOucJc49nLSKP/lTwpsE+xKbENMqJc66zoGH+zPCdPpmbbFLaQJaZ8cZ9KfjdGiUUT9t2/"
    "SA1fLCXyg5akrEmXx/z2JZTG3l5mkMbeXqZKY3gr5t2kQefKPJcPWZimBEeaKMSXV1cZMI"
    "ZWqSDze7FDY9F9fAu/PETTrVOWIK9ea0wxl2ku8QFRXBu29KpInBism7RhnigTHMRhaF63"
    "OvXet+ST+HWC6HP9bdCsx9PDLBa6tpWdKUopwsOLbGYS1sT0pay84eFCzj70vgXiRT5gVw"
    "Qi1a/QWmyxHb2M1iIy4td5kTOV8t/cPk5qrGeFfzXBD504ueUXD6wkaX+Cm9WNup9Is0yO"
    "nasCjkq0tiWZK0u3Kl+VaGNsAx8yRnXMEBNiDcmZxZ/r+iaOFDbW7B+sNeXPAZ4hgQwxP7"
    "8gDdhea2SIY458J7e9Hvx/7BXgDBw2z/D6SLE067watG20v8Id+L93h6C/51CZGw6z4cZE"
    "++4WkVxQE9+cZ2LGNxhrlopt0EGUeDeBm8F160JiTV5Ukgex13iVSv598FU2JoH2K01i+U"
    "wyxRqWLASPVxORZ3FGFQnPhayhl6tqGPrYeGJuHclQmU55tJRtjZpDoioL9y3xMmLIfV8J"
    "3iRn/5IquvGERRuveIUjLN34kSgSm2uWxTVw2GymWFikE3pCZ1K8BAhi3mpTU20LS2/CR1"
    "jw/qG+0bt0vsCPVXT9fFU3U9cmgacrxfB+rBE6c0wGf44d1/xEvy+oirrAEUVfYABj6Ze9"
    "dJNfo6sr93P1ee/W1QRWco/W1xeX5H+8XkNl0YDDry8+pIfux3cinuAtHrIvFIjHDaVPSs"
    "+Xrt9KyclXBgXi/t058ioPj684PBq4l5lqJF1uqJF0uV4jKV37/Xxu6lPQhFfumr1GszOQ"
    "b1r9Rvcek097m5/s73wS+9T6tXkjN3rNmxbc51uorMJSr+G9XrMp39997sGZCe6ZlMrOYm"
    "oqY1jZPzXrg/se3O60u42fa366F9lhmGxVYu3ut3p78E2+7nbu+zWiG0tFt5fyyGAOnASu"
    "7zs3behz5LCxvlWy8sss0+0yfbpdrntPudgkyDgbqh6uaLaMjT0dddt+Cnri0QcPb9tOvG"
    "gPhZ5+cIStEYx5YnBkrRFVf/SmmzfPthn2e878bipJJYg3DHif4LjlVE+0tqcrmazje2sw"
    "mmJNWZHElbxU1eaKfnHj/nswrF8AaUD4tt4+e/OuehnzIe7c3zZ7rYZ3K+bKFxUZcxzuEy"
    "iPp1Y9VGXg/dsCQ5JrDnDX6I4H7U+nkk4prgRYhzfdETWJVviiRkxB+/BF5SqSPHwJCIrB"
    "jFI50q80U/kO5xEyUQA+y4lF9dXQOQKjVkRHDIfytWgnGw0Vfrk1vNNd3mNkJXASO7bfu/"
    "DCSD/olNcLQ5SFLhvXE1yuTqEs9EszW3iLlNJbJF4zIEF4ufYIP/3co7qScoLIWy+gmPrr"
    "NcT/PGgMELPp1NUpVRK9QFa3q5v9QKINs4QAhYfODxaBD2fUlQVtg6eeWpjGozam5gVpmJ"
    "Q7a0BfRDEpoUw1lwu04ys2dxfAXPxxpfQhniEB/SM1CYgUj9T10DDmwCyiK0tqfiRDrOBG"
    "hwTTjrq+ERp0Q+fotqGTJ7hnzhXzwcruKmAZjqkKZ4GXdRbwmLAGbMZqwAF1oY0+/UGvdd"
    "esEcR6QYOSzUG1Zon16+1m/1O318BWik6tiQEfJrHW7V23Bw3dmDmJ1e9aNaIsNCwWfNvF"
    "YsFzA6i/9QfNW6BcWjadb2NC2n+WrJFiUdkxUwpyJ0+aME0JhNgoxFeZ3BWuNrgrXK27K1"
    "gU1kAbUyV5S2oetUEicQlwP7bywMVRxj9zqYfjdEJLvHctMWUIT95s8iEqob3Mrr201Bkd"
    "O3ou/7QwTQmWntiummnJf7NhyX+TsOTbif4ZG5YZn6AY60upTIILBVMCb1eAPE4r4jSLoz"
    "Rc1xVzbslp6YjSF7g4XekWuYOca92a7d7esI2CPrEDMcOKPMOEDS59xp2mNUbY4P6KXBc2"
    "OGGDKzjYZckzxx4NTaWVRPuSe6u62ba0avScXSkd22zGFq76Rgw31lP2Y2o9sDXLcoIVHm"
    "mr25ciweUn9KQE1q6etstzhP3omPajEwyneKFIre0iKlTHNClTl3lE3jDNEcXd+/7NcSTe"
    "t1myAqYnBUxS6Dlbx76tqAttAr3p1T8NamRsKhNbYt27ZqdGjAVlErurt25qZKFoY4l9qr"
    "faPBRO0UBql9jXLt6DTQp+33ca3Xa72Ri0rjFK1GGAgY4uB6PtgkX3b/KM7FZ5JJkIYQkF"
    "mdMVXJL0gNo2LA6RCS1Ukfm7Oqjm2PEiRFutwwXj6BHsWLGjftZQwiiVEP1FHeQXQNhyRs"
    "F75EM4gXIrhIu2Xgjt1Qlrr5KW5T3A3Ah1VVKIY9vR8/CG5/8eIO7HujutVSMrygmL5vah"
    "EAtliU7jO8ZC3Lm9lAfzgwZDYFrRBCW1l200XUHtpTR9PujhxjGRhphUNcwxJl/EF5+aho"
    "OZFw3z4SMPGQAOOFh8W18SVTF5bXINkyGO1yud7KXH3StyR03b+1WBr1RHM6qY9gieJJTf"
    "RTsVVTcov0ufrM4Nf5Ab/a9+CISsWo8Y8NBpyP3uvRsvsWSq7EaCSOyu1200+335l+b1l2"
    "735xqGIakwkuUnOpoZxoPEBr16qyM3vtz3OvJt96bZxjEBLJN57lGZr0LwhEa315Qb9/1B"
    "97bZ68NTYBmgsr/fWxJrfq237+uDptfVoM7VkhSzqQJwXm98JcMMX/AR7a/u86CziQYfoj"
    "+6D4O+7u9Q9wEwfL5tdgbQwPVtkC065XuVxHr3HfkTvBJsdYMaMR0mY5ZVVbFs/4vazfpN"
    "9IN0qoyj34Ntgm/B2+Hv4B3EP4P34X0FvsONl0hCvq4PGl/cN0G7CS4VbqEq6PHXZuMeOq"
    "w3BtASngdDQnWgMy8KEYNXBs3GQO7eDxoAbx/jWGyq2rKXMHYt9XAmrfzei/WcnmK+wrcj"
    "f0HNPM3+ft+8R7W7S80Z3Wl1PnPuMuAADJ/7RqPZvMFGlqOqlI7pmrq+GEp4mO+oDkxg28"
    "asMCsikcUuQ04YmKMWHPXy6EhDJMIHNosP7EIxlXm+ys0BhXD1j9gb9lOJ1sL3z8GOFcVO"
    "7CimAHm8EC7TNBK0UelhjQFBGQwxx45lVGwbSwDkye4YJjmeteBU8joKr/Z0qE/TvzmLVz"
    "sc/s3tuB6lFL4CRfYViKjNcvI5Tis4XWROTzSmWbOtJnSMVPC5yHwWrhPCsv/yU6lwcSkh"
    "O46rheea3nQLql918Hk7aov3d+13d5Ir37otNXIURPOE6SSM7vxo9aGvnlMiS/+fOQ3JbZ"
    "AYKgmWZH69usmUrPstnk+ghxWRLANT3BHVmC+wkp3GuLV34jBGdb/E3ZmBtf80nZ7DFWiJ"
    "tfdWZQHXTcr77DhT0JWXXkx2zcYJQVlBprFnA7OObJpOeNzKnnL4RwVp5fb7qLC3kLCyF+"
    "mEUt1gZS9+yb0jWTkur64yWDmgVXqBNbwXU+/OlaTUOenwBgRlUO8eAeBNGTZTVFAnkVWz"
    "SLEMJ+gpgMF3OZeNSjhs75du72fuI4C+cNxHoNHtfG32BugQABx4pKjGlNhNq//3+3q79a"
    "mFN8aa9Yej6Lw2dPx89DL+AooNzx85dr7UjVEqYW3du9VPmE22YcXJ6duChWIbRsdohWa1"
    "yJwOyaI5jiJRqvKd+A5zGomI9XkOfnFCAXjBQ1mLhrWIZD0BhIU55q8baFmwBWOvcZZ7N3"
    "bxOIl92G3QPNH3OysHh7ax3LgQpJhvAnw223DkgClZLDlIgdWJeEYq2w18IRPTmHOrS6yG"
    "kVuzlNMQ/nRyhoWMTOMJDTf8+nktwaqz/4dIbIgBOHRIXl9cwIGDnGFPqqJrIz5yPAULWg"
    "4wwGmkjDRds5fkO55vzqv8ubaxIHCI1/jjvAJLU4X/NYGXMEwLhvoEZGXHBOhg9FHgvjZf"
    "wL0/fyNn7i+0T+nG9JUxHlvn2AvvmtHvNnGDefYU5si/tlL1WCzMIwU7MVQ3mEcC1mWOtg"
    "kojhlq8zJi+j5ibUITPBfMMToBdhawvaUxjy44RFIMRXCpKvhg/P18Ttk4RSZJjwNZpyyB"
    "RfbY8SD8MLOVH3uYUGjhC62b5edQ2TtQ5tOzJJEKRYtQZb0Awr7okB3ZEMV+ED35g75QDR"
    "ZBNRhZVPeA9S3+83XVXUmxTtqLdtcURheYdW74WsCMvPA9lU9qacnKgdCCmgH4nVKKtbUJ"
    "VZdwWBqYCkMtV3Kd9aRm1Y06Rp9AtqMUz2obYQwQy6YLzBW28tb+wSK/G47J6LJKnjR7Rp"
    "5m1KREs4kKb+qqCVGv9jRbrnuM76fLnOq5mK59x4xgz3tbi5RjBTsEVDdo+3BwybDGpeV+"
    "ed7bMdpDgT0MKpgQq8Y18hK7/Xu7RuZ/YCYt/GXhr+4dZie777QG39ArEgOZ4JXspcT8vG"
    "G1YM5iVqy7egfVUpgPa4FLi8G40+Sg5ybK4m6TfI3hd+oDudfq/1wjii2bmvUAbTHRGHev"
    "xNxiPFFTE0m/1rnTpUm5bUGxi+JaCRLnTiMlTF9kT2QxUHb2wc2rXRJqpRNQK22KPMjgFX"
    "8SUQiV/qDXusMslLwEhMS+3F/377qDGvFcF2EdqLeb/U9dN1dl4GEnMTe5pZ/YEubxXQvm"
    "8ELD9Ii3XcyJODcw1WV/0LzFLJdwEJwXY77mr4Is6h/ny/0mimMIPewpISz0hkXQG4raDX"
    "kgPqZPYU7lFlfY1k1bm7gapzW1VrRBdZNCy9WKKuG2z6qyBjNKRkubWq7iyfVT8xSrNZ7g"
    "Ht9nTBbQrUXO6MX0gkgVVVcsC0P7TAkeI1Usx3wEMUOXKufQUn1YFzcO9iCJaYygX90/tQ"
    "VRTHWGbm9PM8OipP+l/ury6j3RLDIMK8YvfIhka6ZAg2FG3ZnQPx1T/4SSL00q+HqtMcVM"
    "qfgaIoohzMfe6a5xSRhee441gYQI58zrVqfe+5bsB3Kd4Ihz/W3QrMc9QbR/Jshy6YWuvO"
    "biiCSSguaCurxJQYXoceh5VUhHppPfj4Vw91LC3XZ+Cs+4j+R0WNjVeeQkHBe2dB3ZXcjz"
    "gU2T8ULAPyfihRiezVmBI0L9MCQugA2xLNRwJWih/Qikqiq8+3xETZTEqBkJaeKeBkiV7L"
    "2w52dITGLDOYVHqNaQzAzdDUiaAeCvDMcmE23qmK40idfdpyI1XEBpcqRYVIcXImfeRWgl"
    "MV9+9NpPMD8fvhW809DVXA/RmQI9LJ4UC9P34T/MsDH4am5gQNZ/kcCmlj0/n1+Dy+dc3g"
    "x8Pr2XQEh4URRp16xukGLTC7cl43oKxdq2NJ/sv2xX6saXOmxDFOJYnVTu+vTSm6mwvmso"
    "Buc0AsJG37lpobRYI0EfEuPeE3DJjd5Ff4pBq+f6UtiaWRQ/ClExqlCha15wdb5gwhBNMV"
    "hSqmhC7+iYhyMhkmIwpFRzxM9pkLhhpzMlRlYMxpRqpngLkex6J/kbe85lLEZdDDaVav48"
    "wdcbTzKvGpXXlhCnLaE14USsB5ncKT120STRMROjaaIQKdhcLDarcHMyyXVECZEUY4kt1U"
    "44M0ztn6gMVpZ5ymLGyYRmIUGzEPjc6IaacghM14olEgv/4iz+xTFfp61QX5GWUC35/l0G"
    "0N+/S8UcbwmfD+HzEViFtuB7nFYkOC/yuc3TBG/B5yil4HKxuZwc+rQpDVmJQp+OnX5MuM"
    "wJh66XX7mO4dCVEPuHwdwJEqeffvrTz88nnvbDeHrQVYnwT46V5Hll9wTYVz9H7UlutZsB"
    "G5vaxJZNiqr5HeG6wa56vKeyDq9V0vEdscqTBP4kkcL1SlZnCpvuChUuVw3eUamx2seoQq"
    "hKN6pyxVaua7XSEc1esmEtwrIkG0FOJ+XuKltNJcFHOXy7uslF2Yg1fM5BOf1DM3nWxipb"
    "JxW/DhfHzul3q+qGRWXfu+wYla+nohq1cB3mkBS/GvXRdPQHKZeszA0nKb741mA0Jbx4RR"
    "LX3VFVmyv6xY377wkCvgHfm2ajdVtvn715V3W9s1d1FTr3t81eq+Hdime2wSo5akIpi/Qx"
    "HKY5ohLtvn9zHBPf2ywu8Oke8AnVqLdPuncaGffuet3+XbMx4BWoF6ZhLahq8yrUXrHpRt"
    "3NlOdVm3btwxIDurtuv97mRAsDjgkS6zQ/dwctrz2jU8PWvNaNdrffvJF/4Sn3cM8fy0+h"
    "6/D/QXAD/s+XgAJ4gYt6MUesFwOSl6pYtgwjDIaOmbKuZUiLmtRRsedg667ZbnWaMJe0BY"
    "+qk9h1sz+QG/U+XBxR/jEWxdyVt7ctnCrGfK7Z/vzxp47EunCXZ6Y04HZhslJGT/nrBr2U"
    "vSpCtcmYVxxW7mUy1QfNGICaJbscTpDHDUOnCksRBcJ08YQtQHgo4IIrR07Y0u22I4az61"
    "bcMnZ/e92E0Rs7Zq27UwFyT0l2m+fgfkrUhAisN2Et/Hm2YcDJGfxFMfUNe+4hiqmH9HI5"
    "0I5SCagLXre+aCuWyDJ7CggLv5WX8lsRWWZfKMtsTKu3H/N6yGrXx17LZ2rPZUDe3iQaRm"
    "+zdTSGcyZDqRxmeSaraYU/hsw0GHPmkqdbYuGCI+SsH5xKSejtvrgE5+s5nPbR4TYW240W"
    "2RBEooRUIXfq6gYL5l+phJSwU4jyUGIQiNJPQmsmtGYHVeWsn4my6hvWCIW6QSh0hEKnWG"
    "AfVKET883dFelob2UFem3ZLFL9oMhoT1JMxGbDBnVEvOWzKog6sSlTmH1Bmo8UdQYo8xPT"
    "eCILA1Emio2VedZVDXkIRVmeYsn0wit55ZWc6Xh3ueF4d7l+vLN0Z5rrGO213w++Lzt0I+"
    "h+yALuh3RsP6wbQYUfRyr05crLsnbazGJ2UdQ/HM3S+IHKWiQm38tjeqmvuuv7vZ3YqMgU"
    "3+gWJ9/RTlVXS3Zcj0K00OQHmpRTLhdGCw3O5qXFyJzLhmOrxnxXm2fdnHdDHZURLFWZLx"
    "SQ1XZNgeB1U1qYDGbD8rQrSm4vpQXJc1vYUzqNssMk6xrbV66WNnRVerxEbpvi57Y5ScTg"
    "S7VHamq7gnXj9lPak5VIApQHLT86b0ekPnndlBUmt9zDjiC1eCfXiq3OSosTUynDSlK7Qu"
    "X3U16gbDp167zsDFXQU3nBejQ0dfcxxXspK0i/G6MdAfqbMSorOJjrbg9Z7soMj0gFmAUp"
    "uMNcLfeuSGkTqi5VnQ6CHsuKmVvF2c9htyNuedPXnTBiXvXWfQC2Q5nzU8Br5bSys3hcTi"
    "+fVJdKEXaVG76FspxTtus6duf2UlaQRMpckTJ3/0hZdIqTRraYsrBmxq5zsO921/d6Ky1q"
    "zijofFfEQl2VFS5bUx/ozkPL4XvigPdVVqSsJVNl09l5UEE3Pae84wkFvL24DQ1WPZUVLM"
    "fCyHD6uPsB6x57aj6W+Iz1REczw3jYC1q/uH2VDq9cwQhhY6uqocAMq5u+6VSWPe3+jddj"
    "z+/wtCL9NgKcI4DDF3sSYjdCElF62MYi1ChDxIbXnCi2TecLm5wppA8fuqAEZBNzSs8/Aq"
    "2m0zEGYFhkQuGXPcO7jsmIV+zdSgrp2GPP2dJI8M6fTSERy8oi8kecUKyJyNCesOIkQSky"
    "tO8yig+cod12EvbLzCnaPeoih09V+veNRrN5g3mdLUdVYWXHXM93zc6NmwiDsjFPgvGp3m"
    "pjI3cfiO8hWbiz/7QU+C6w8QDo41xxbXE6kb0gU/YCkQWknFlAgsNYjikUISryAlekCSQy"
    "uR4q8YfnVJUP2CjRVrgWbRMQ+VROAGGRT2VHPU1VJMgtZILchBV5D+hmd3Ut2GqcFdvoPl"
    "SkDDUhd4UEHWfUmSFdzRlyn8iq6vSH2w8W0ekj1YlLPq4SwySabZFQGSwyNx7pGP5vUmJD"
    "swT95i7dSWzYpzZmgrQuQl+CTLKVYZWMqP1EKSP2k0HQ7wEbkrMhz376n0OOKHyoZlq2fz"
    "s13+4mXWjCGrejPnRDodHdO8+lbL3Wpn8VfetPl5dv3/54+frt+w9X73788erD6+AEsX5r"
    "01HiuvUZTxMR4SNjVl8+BbZVa0V7KLDmpNLu/lIjuvEksdvmTev+tkbmdKw5c4l9aX3+Ui"
    "MzbTqTWKPXGrQamL4VaG1NddXLL6/bAoF9Jz6F6Yssn584m/h02LaWYxLxlgUdi3n0SbR3"
    "7KGeIwzubTFfJxUlNLNALpS/pVT+CpXkoXRnkbCXfPAmkQqMhX5S6CeLBbbQTxYG4tz6yc"
    "gauweMSxqZGMc5aWsqmsbSjRpKUVgGIUXP6CutoN2z6souo75qD2tvGfCnPxzJaMn/5k8h"
    "HmyYInvI+8estENyhq6Us9TiXvvtXkKFJoYbG6Y1rHEvTttYEPzmV8B4C5/iO3TCyu/9rB"
    "IYuBTGjTZfAO2fv5Ez9xfRGAjv01fGeGydf4SuTYr14ykbu+lA4BELXVmODOOBeGED5B/w"
    "bb99JEM8/stwNuVepPJ/Dl3JX2FkrCwteCvPvVRhY6JIPIeKqejk6vV/EEw4Yj7CHyhB82"
    "+wHPNRwysuFGc4LMj/kBFdGsz1VeU3frDIDJD8p8EQiboNVy2er9zNYA6InvnYVkmAYTUK"
    "8HmNmPSV6TCGYGkW0cZ0vjBseMGP+CiJubOa8LlMYNAYxIL3BUAxVa+FXDsLLVihJ20oxR"
    "beD4L2lWp8Jdtck219I1p1JdS9pVP3bqskERqSan4NyU7qWqGrPYa7KN/11ln0t363k+Yp"
    "GpDEFVkabH7/Jrp2uDxxlf+eOIzvmWTkaLqtMesCn/e/leNPEIQootPygT67rf8a50Gj3b"
    "2OK6uwg+sYQ2JnhTyMSSAVDNo7g6InNDyW5dO1J5ILC0cWC0cEOlhydwDeoxa458Yd97Md"
    "gPfJBfIZkI/INHnsTBFCYW4S5qaT4KowN50exsLcJMxNL78RCHPTy0MszE2nY26Kx8zb8s"
    "RIGOaiqEnOBDM5LXPx/HQJ9rmEFHbpVrp4+rxstrpILEDv061rerGqBF9lTLxOq4RXciG2"
    "Rk1ufxrRmfKoGQ4aoFQdeoDrBkPD0Zq5bu9PkFDJRcnZ0FYeKJMNNjznZibfpoekMJD8ns"
    "lc8zLoX5BuyLAV2AzxadhjNlOT/9DchqWAsBrwSpiYymdiCrN5XWpP0ZKEaDYJ7Ke7tCYq"
    "SUAAj+s8vHmxht2GwPsVSZFNRdlHcTSDy2WWFC6X6Tlc1vLkmFRNTpPTnyu6nrpIhMjKJK"
    "i9vfzxfbA84B+bFoT+bb3dXpeCJyaFT9oC0wihQDWuv2HUVszcoIbpBKbxuf9ImZMUg5yu"
    "wQ/RCLeHbBaTJKVBxiA1j7bIYYRhz4a414PvDxEXArJsdR8y7HQfUje6D2u5ZVyZIe/yES"
    "IrUQKUfSwewlQh1OinhLBQows1+qlBnEmN/jKBBJHiEEm6yljxiA2KynjL55SU6TAfMLky"
    "jEbT3t0RPJZUJMnh3M2LejRV4F9FD3iwTM4LXUnYNdI1VH77EqqnDpIV8i+RZnjQa9XbPK"
    "Mw4K3oPKVwvTFofW3WeFzQI5XYXb0/kG/u4cpCsWx57MC1Rr3TaPLEwyp+fmFSD1tUSapS"
    "kbrYBO2Pd159U+j1JrShmgmnpQ1p4r32Ike8O0hFjvh8FoYsBoZcOeL9Y9MayM+4rUYohd"
    "9qsf1Wvc1nCz7HSPfA6ILp3MrE55XslGPJjBAVWJVdpEOv0K4K7eopISy0q0K7emoQ76hd"
    "XcvlvWNVxtLl8T6su2yk5m6iAjpWlHeTBpo3le1V273qoHOomY0FsP646UaEAnhHBbDljH"
    "6naj4vxRXJEZUIx9EgXF5dZTgPQ6vU8zC/F89ou9DUPAgHBEVW+26J8Pt3GQB+/y4VX7wV"
    "hXdhaoaZmAUnm5Y9TF9kwEMZWjrd3i3mYGGGOVf0aIaW+97nZmdQI4459XyJi6BRZ6j/SP"
    "KG3uCuF6EqtsNe5dUbcqawqbk8JxcXBP6AjRrYAe91no0FB/bkW+3NaxzYrOKKEApNZqE1"
    "XKpuWNvpMcOEQotZaB4L5ZpQrp0QwkK5JpRrpwZxkV0Xl0ztOclei96t6kZ1ETSSTSebs6"
    "Kbnhgo/NzEluGYKq2Rp5liE80mY20M14DajTx+mlGT4nXY75w5tVLyHe/Y4e7F1VSTKivz"
    "PDpTVg/qFck/kv8S/pHF26Gqm9RjAeu28t8LqAutV+gPeq27Zo24tm6Jfbm/7t91BzUyc0"
    "bWwrAl1q+3m/1P3V4DWyk6tSYGfJjEWrd33R401Oaog5ZY/a5VI8pCk9hN87ZbI2M6N4D6"
    "W3/QvAXKpWXTeTE0Erg0bstWn7bQTP10325DV0AIbOo0es3bZmeAOiONwfKHWpWipO49PR"
    "/ZCjR1qL+qZmbJ3++b9+jt6lJLrHff6XC3WS/dPHrJ3vexxUJxLGzRv280ms0bvGQ5qkrp"
    "GK9+qre41+xE0YrjM2vDnjrPZUYIKEpnRbjK4lRzle5Tc5XgUmNaSYmN0pMoryiKkTsZH1"
    "ua3MneATKPAmZFcTzVwOtCn7pWcDqLcU44QxQCzjU4mVcCOw+gYRoB6VpelGCrzYjnikCA"
    "GQdzoUyT/I1SsQzaCyjjUFLTzFn1YkVRjHNBqWoqzKllwWDNcwwOkZTwHJztILzpJLx+FI"
    "4o73JZOSOUJbRlV7AEWZfpy4rnxJgOfpHsnp7C8JngjcLEYgnj9sGM2xONadZsKzbHSAWf"
    "i8xnYWo/9MHwd2OUD9gVwX7wPHmzkHBceCnHhTyW9ciIX+dFl9GBAf/LyIm/uX2c1FjPCv"
    "9qgmdAfScfhYGpMMstCFxJ8FMI365u8lWwYw0zJIA3GH1lTCZk4ZjqTLEoOTPMMTUt9Ddg"
    "BnsVztcUZE23PpJG/6tnxLQSqjTvsd9MWZ7od5uaTNHz5nk6eH4nEdpTsE2qusF3ITyK1t"
    "BNV0jEyIps5N5SLXGQoPf8Ektp1RBlklSUueEkha1syGG0IhFpjNx5I9IYvWQaoz8chdmJ"
    "8XGpW2yYRCQ1i8vWp+cUWHHPoDmH71/SMXBhGgtq2lqShTLdqhalKoZlrVweNyLsSYQ9nR"
    "DCQnsowp5ODeIChz3do49E85GyxHQ5obvVTQpFB9vJNGj4rELxzjTGDmzenLBGhv65eEh4"
    "J1z9N8SBMiSKTYaKPSRnxsSmjCxM+kqZwo42xXHCizSOleV/PVH6kKBgPOBzdkvpc0yFn6"
    "jriPeOUtcRAUwUX5LR99uXUBe4/3Q0QhFYSkWg0KLs2wtYCNpC0C7y6iUE7VNAWAjaQtA+"
    "NYgLLGj/Qkczw3hIFbUj96ubhO0nt2UecbsO4qzxqI1BiOVUBCt1a48g1xoMs4SAAEtcXp"
    "MHuiRz5YFaRIFWC11Zwg9mvDIWSe47++o2W422wMDDn5bkxCMcYUQSD5HEY2dbXTC/Elmb"
    "4t4UoikyQ7fUZxwmgbHQFx3Ud2yhLHVDSRjGG+TgFcnxheCXURkdRNw9weQz/uklp8ah0m"
    "s2mq2vmDjG70Fid71uo9l3c86Yhkotnnam9bnT7eE1OLjD8b2gKWd4JPM65wb0e8p5KSAo"
    "Qx2nTbrV5q+DzRMlUK22u53PfvP47Imi7Y+ZLULzYqRC0V1oRXewDmzB6TitiMIsMqeFQl"
    "IoJF9+Kr1M3OD+NGZ1amrqrJKgK/PuVDdpyZRVm0OWbRIKp2MqnB6paSVO8XSROURSQqn5"
    "IFoJnFQ5EPaalxDdwxRxNZidWLBnQ8rJFYnQSeTUSaydGo65mf35/wEMXcWR"
)

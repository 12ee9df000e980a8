from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "organization" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "slug" VARCHAR(80) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "organization" IS 'A tenant. Every other row points at one.';
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL UNIQUE,
    "secret_hash" VARCHAR(64) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "api_key"."role" IS 'VIEWER: viewer\nANALYST: analyst\nOPERATOR: operator\nADMIN: admin';
COMMENT ON TABLE "api_key" IS 'An API key. Only a SHA-256 hash of the secret is stored; `prefix` is the visible part.';
CREATE TABLE IF NOT EXISTS "customer" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255),
    "domain" VARCHAR(255),
    "industry" VARCHAR(100),
    "country" VARCHAR(2),
    "region" VARCHAR(100),
    "plan" VARCHAR(100),
    "currency" VARCHAR(3) NOT NULL,
    "mrr" DECIMAL(14,2) NOT NULL,
    "stage" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "first_seen_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "external_ref" VARCHAR(100),
    "stripe_id" VARCHAR(100),
    "hubspot_id" VARCHAR(100),
    "salesforce_id" VARCHAR(100),
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_customer_organiz_642f22" UNIQUE ("organization_id", "external_ref"),
    CONSTRAINT "uid_customer_organiz_9f6c8b" UNIQUE ("organization_id", "stripe_id"),
    CONSTRAINT "uid_customer_organiz_8d71dd" UNIQUE ("organization_id", "hubspot_id"),
    CONSTRAINT "uid_customer_organiz_68676e" UNIQUE ("organization_id", "salesforce_id")
);
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_7192a8" ON "customer" ("organization_id", "stage", "id");
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_b71677" ON "customer" ("organization_id", "country", "id");
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_ef5b55" ON "customer" ("organization_id", "industry", "id");
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_46025a" ON "customer" ("organization_id", "plan", "id");
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_281856" ON "customer" ("organization_id", "mrr", "id");
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_233fa9" ON "customer" ("organization_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_customer_organiz_f67dd6" ON "customer" ("organization_id", "name", "id");
COMMENT ON COLUMN "customer"."stage" IS 'LEAD: lead\nMQL: mql\nSQL: sql\nOPPORTUNITY: opportunity\nCUSTOMER: customer\nEXPANSION: expansion\nCONTRACTION: contraction\nAT_RISK: at_risk\nCHURNED: churned\nREACTIVATED: reactivated';
COMMENT ON TABLE "customer" IS 'The account: one unified record across Stripe, HubSpot, Salesforce and imports.';
CREATE TABLE IF NOT EXISTS "job" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL,
    "message" VARCHAR(500) NOT NULL,
    "params" JSONB NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "attempts" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "heartbeat_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_job_organiz_94fa22" ON "job" ("organization_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_job_status_52f640" ON "job" ("status", "heartbeat_at");
COMMENT ON COLUMN "job"."kind" IS 'IMPORT_CSV: import_csv\nSWEEP_JOBS: sweep_jobs';
COMMENT ON COLUMN "job"."status" IS 'QUEUED: queued\nRUNNING: running\nSUCCEEDED: succeeded\nFAILED: failed';
COMMENT ON TABLE "job" IS 'Durable record of background work; the queue only carries its id.';
CREATE TABLE IF NOT EXISTS "import_batch" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(32) NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "rows" INT NOT NULL,
    "content" BYTEA NOT NULL,
    "applied_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "job_id" INT NOT NULL UNIQUE REFERENCES "job" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "import_batch" IS 'An uploaded, validated CSV waiting to be (or already) written by an import job.';
CREATE TABLE IF NOT EXISTS "lead" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255),
    "source" VARCHAR(100) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attributes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "converted_at" TIMESTAMPTZ,
    "hubspot_id" VARCHAR(100),
    "salesforce_id" VARCHAR(100),
    "customer_id" INT REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_lead_organiz_b275f0" UNIQUE ("organization_id", "hubspot_id"),
    CONSTRAINT "uid_lead_organiz_eea6e1" UNIQUE ("organization_id", "salesforce_id")
);
CREATE INDEX IF NOT EXISTS "idx_lead_organiz_78e77d" ON "lead" ("organization_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_lead_organiz_1530f2" ON "lead" ("organization_id", "status", "id");
CREATE INDEX IF NOT EXISTS "idx_lead_organiz_7610bb" ON "lead" ("organization_id", "source", "id");
CREATE INDEX IF NOT EXISTS "idx_lead_custome_1df8a3" ON "lead" ("customer_id");
COMMENT ON COLUMN "lead"."status" IS 'OPEN: open\nWORKING: working\nCONVERTED: converted\nDISQUALIFIED: disqualified';
COMMENT ON TABLE "lead" IS 'A person or company in the funnel before (or while) becoming a customer.';
CREATE TABLE IF NOT EXISTS "lifecycle_transition" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "from_stage" VARCHAR(16),
    "to_stage" VARCHAR(16) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_lifecycle_t_custome_2a6e76" ON "lifecycle_transition" ("customer_id", "at");
CREATE INDEX IF NOT EXISTS "idx_lifecycle_t_organiz_3c51cd" ON "lifecycle_transition" ("organization_id", "at");
COMMENT ON COLUMN "lifecycle_transition"."from_stage" IS 'LEAD: lead\nMQL: mql\nSQL: sql\nOPPORTUNITY: opportunity\nCUSTOMER: customer\nEXPANSION: expansion\nCONTRACTION: contraction\nAT_RISK: at_risk\nCHURNED: churned\nREACTIVATED: reactivated';
COMMENT ON COLUMN "lifecycle_transition"."to_stage" IS 'LEAD: lead\nMQL: mql\nSQL: sql\nOPPORTUNITY: opportunity\nCUSTOMER: customer\nEXPANSION: expansion\nCONTRACTION: contraction\nAT_RISK: at_risk\nCHURNED: churned\nREACTIVATED: reactivated';
COMMENT ON COLUMN "lifecycle_transition"."source" IS 'STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system';
COMMENT ON TABLE "lifecycle_transition" IS 'One step of a customer''s journey, with where it came from and why.';
CREATE TABLE IF NOT EXISTS "opportunity" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "stage" VARCHAR(16) NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "forecast_category" VARCHAR(16) NOT NULL,
    "close_date" DATE NOT NULL,
    "is_closed" BOOL NOT NULL,
    "is_won" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "salesforce_id" VARCHAR(100),
    "hubspot_id" VARCHAR(100),
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_opportunity_organiz_101e41" UNIQUE ("organization_id", "salesforce_id"),
    CONSTRAINT "uid_opportunity_organiz_4a5eaa" UNIQUE ("organization_id", "hubspot_id")
);
CREATE INDEX IF NOT EXISTS "idx_opportunity_organiz_ad9522" ON "opportunity" ("organization_id", "close_date", "id");
CREATE INDEX IF NOT EXISTS "idx_opportunity_organiz_b1ed5e" ON "opportunity" ("organization_id", "stage", "id");
CREATE INDEX IF NOT EXISTS "idx_opportunity_custome_ce278f" ON "opportunity" ("customer_id");
COMMENT ON COLUMN "opportunity"."stage" IS 'PROSPECTING: prospecting\nQUALIFICATION: qualification\nPROPOSAL: proposal\nNEGOTIATION: negotiation\nCLOSED_WON: closed_won\nCLOSED_LOST: closed_lost';
COMMENT ON COLUMN "opportunity"."forecast_category" IS 'PIPELINE: pipeline\nBEST_CASE: best_case\nCOMMIT: commit\nCLOSED: closed\nOMITTED: omitted';
CREATE TABLE IF NOT EXISTS "opportunity_stage_change" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "from_stage" VARCHAR(16),
    "to_stage" VARCHAR(16) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "opportunity_id" INT NOT NULL REFERENCES "opportunity" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_opportunity_opportu_6db549" ON "opportunity_stage_change" ("opportunity_id", "at");
COMMENT ON COLUMN "opportunity_stage_change"."from_stage" IS 'PROSPECTING: prospecting\nQUALIFICATION: qualification\nPROPOSAL: proposal\nNEGOTIATION: negotiation\nCLOSED_WON: closed_won\nCLOSED_LOST: closed_lost';
COMMENT ON COLUMN "opportunity_stage_change"."to_stage" IS 'PROSPECTING: prospecting\nQUALIFICATION: qualification\nPROPOSAL: proposal\nNEGOTIATION: negotiation\nCLOSED_WON: closed_won\nCLOSED_LOST: closed_lost';
COMMENT ON TABLE "opportunity_stage_change" IS 'Stage history of an opportunity (Salesforce OpportunityHistory).';
CREATE TABLE IF NOT EXISTS "subscription" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "plan" VARCHAR(100) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "seats" INT NOT NULL,
    "mrr" DECIMAL(14,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "canceled_at" TIMESTAMPTZ,
    "stripe_id" VARCHAR(100),
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_subscriptio_organiz_8f9554" UNIQUE ("organization_id", "stripe_id")
);
CREATE INDEX IF NOT EXISTS "idx_subscriptio_custome_134274" ON "subscription" ("customer_id", "started_at");
CREATE INDEX IF NOT EXISTS "idx_subscriptio_organiz_e605a6" ON "subscription" ("organization_id", "status");
COMMENT ON COLUMN "subscription"."status" IS 'TRIALING: trialing\nACTIVE: active\nPAST_DUE: past_due\nCANCELED: canceled';
CREATE TABLE IF NOT EXISTS "invoice" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "issued_at" TIMESTAMPTZ NOT NULL,
    "paid_at" TIMESTAMPTZ,
    "stripe_id" VARCHAR(100),
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "subscription_id" INT REFERENCES "subscription" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_invoice_organiz_3aea3a" UNIQUE ("organization_id", "stripe_id")
);
CREATE INDEX IF NOT EXISTS "idx_invoice_custome_751362" ON "invoice" ("customer_id", "issued_at", "id");
CREATE INDEX IF NOT EXISTS "idx_invoice_organiz_b25dec" ON "invoice" ("organization_id", "issued_at");
COMMENT ON COLUMN "invoice"."status" IS 'DRAFT: draft\nOPEN: open\nPAID: paid\nFAILED: failed\nVOID: void\nUNCOLLECTIBLE: uncollectible';
CREATE TABLE IF NOT EXISTS "support_ticket" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "subject" VARCHAR(255) NOT NULL,
    "topic" VARCHAR(64) NOT NULL,
    "priority" VARCHAR(16) NOT NULL,
    "sentiment" DOUBLE PRECISION NOT NULL,
    "opened_at" TIMESTAMPTZ NOT NULL,
    "closed_at" TIMESTAMPTZ,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_support_tic_custome_1be33a" ON "support_ticket" ("customer_id", "opened_at");
COMMENT ON COLUMN "support_ticket"."priority" IS 'LOW: low\nNORMAL: normal\nHIGH: high\nURGENT: urgent';
COMMENT ON COLUMN "support_ticket"."sentiment" IS '-1 (angry) .. 1 (delighted)';
CREATE TABLE IF NOT EXISTS "transaction" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "external_id" VARCHAR(100) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "quantity" INT NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "properties" JSONB NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_transaction_organiz_4bc2e3" UNIQUE ("organization_id", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_transaction_custome_35c5de" ON "transaction" ("customer_id", "at");
CREATE INDEX IF NOT EXISTS "idx_transaction_organiz_8b00bd" ON "transaction" ("organization_id", "at");
COMMENT ON COLUMN "transaction"."source" IS 'STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system';
COMMENT ON TABLE "transaction" IS 'A one-off purchase (orders of non-subscription customers; CSV imports).';
CREATE TABLE IF NOT EXISTS "usage_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "quantity" INT NOT NULL,
    "properties" JSONB NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_usage_event_custome_4b42b8" ON "usage_event" ("customer_id", "at");
COMMENT ON TABLE "usage_event" IS 'Product usage: `quantity` events of `type` at `at` (often pre-aggregated per day/week).';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXWtz2ziW/SsofVmnyvEmduxk1VNTRcl0rI4kqkUq6cxoi4EoSGKbAhQ+7Gh78t8XoE"
    "jxTVNPUww+dNomcUH6XBDAPfeBv2tzMkaGdSEs9E9oWauDv2sYzhH9IXbnHNTgYhFcZxds"
    "ODLcpnChqw9eo5Flm1Cz6eUJNCxEL42RpZn6wtYJZo0FDIReC9D2F0DCxhJAIN8Lry+vb8"
    "AMWjNAJsCeIWAhzUQ20C1g2cRE49/At4WJJvqPb+waa/GoWzp9AbCApn3Bnj0mGn24jqeH"
    "fYyD9e8OUm0yRfS+SR/27/+ll3U8Rj+Q5f+6eFAnOjLGEUz1MevAva7ay4V7rYXtO7ch+w"
    "tGqkYMZ46DxoulPSN43VrHNrs6RRiZ0Ease9t0GMzYMQxPIT7yqzcNmqxeMSQzRhPoGExZ"
    "THr1AsG1mqp2JUWVRUVVawlF+hIh0L1LGsFsENBXtdy/fspe4fXl23fv3324unn3gTZxX3"
    "N95f3P1aMDYFaCLjxdpfbTvQ9tuGrhYhyA6v4/AWtzBs10XP32MWTpK8eR9XHMg9a/EGAb"
    "jPtjgDuHP1QD4ak9Y4i+eZMD5Weh37wX+me01Sv2SEI/1NUH3PVuXa7uMbwDfFffwyYIBx"
    "L7wfhlh28E4bc3BQB+e5OJL7sVhXc1A6lsUtoE45hYBQfzzbsCUN+8y4Sa3YpCbRIjY6YQ"
    "sTN3cW7RF4JYQwm8fdkyA1373BK/iP06XbPQEzKHWOgK7a+yUgcQQ2Np2UMs9cS+oEi0DV"
    "mwNyas1W2n1aVtxnMdx9fRl/km6NBmYKrQTqrrlt6x9TlK/yyikjFljT3RC/+H8qiu+DdC"
    "/8Ax29B402AO9EqrI8qK0Omxx80t67vh4icoIrtz6V5dxq6exdW07gR8aSn3gP0K/iV1RR"
    "deYtlT031i0E75V429E3RsomLypMJxaMb2r/qoRbRuQMtWHWsrvcdl96B575XLovgTUbSP"
    "Sa6mTfRIHrbSc1SSa7nMWibmFGL9/yDDQN3I9EmRfN4OOoXJew+mEDMuJw+pllAYtiTad9"
    "S+1aeYWvOJnU4MXM/0l2LdnRjYP/1R5V8NvnYTPq2t87TBRn+gCCB7tT8U5KZwK9Zc5EdQ"
    "e3iC5liNqIDdIZckdmXdNnlrfjmPX6FbtKkLEvtr2Lt7Wmg6lk3mLs+QIGfW987z6Bkt3O"
    "pZfkaZIQA1jTjYpptEjADVJ33VMTCRRswxvWcSywIyBX9Bxe+dkbwg9jmQoYGsCTE1Ko7H"
    "QJ8viGlbSWLmAP2nMDL/TnwM6IeNTLoNVqlxWqOIJ1tY7iPZEEi9PXNGFn2TzPvW+gXdJj"
    "FO6O9aoO+0IUc/xqn7La66p69LrWjLog3WQ8RTvjfa/Y/V+9tM6P7iTsD5T3KhN5dHeRYF"
    "gA6+Iz1sYUB8lAfNTfM4mooYMwd/nE+M7fggzn5y9vNl2M/r6yLs5/V1NvvJ7kWpCDSHur"
    "EJwGuBrRAumTlyBIDHhAKWsl3NRjiQ4BAXgji8ChcFOSxTPZjfFnKUvM1xlLxNOkpCG6ui"
    "KIdEqgfyZZGRnD2OE+w9mqbatdnoBhLVA/cgI9jfQRd29HntObzFJgjHNBHWNpshQjLH27"
    "PVBvJt7ShAXxWA+SoT5Ks4xJ5pFkW3Q7BHeiXg9drHiWSk6XNoXNyu/n8olN8cCOEcSG/F"
    "ZqsjtM/evjtfTb3Wd0Nf8VzdQUfst5rerZiT2mcntnGdroWPOH4NBMcbDuBaWxRu64BJDn"
    "Hnj3YdzL8bQyyznyz2k9TrSX1l0G0pX5n7lPFP9KXs5RA3B7IidZjn1efahlj8syd05ZbU"
    "rQNqSUPMDGnaUuoqfaGpuNep2lwyzr0jKGq/JX+qA2irpm490Lb3g35XpK+kzRwTI/pWfZ"
    "GJfhYUdtVETPTRRW6bGY57bblbZxu3zkQ3LVu1EMJbaDohzF14Zda1sxhv+UlHJSv4SZ9o"
    "IEaK2r23D3FeYVfJBnvVuBw3CwqZBYHfaQOsI0Ic6EJAhzx4GyAdleJQFxvTEWfoJuM6Ls"
    "gBLwQ4D7bhwTYvv+k9RrBN2K/xSHQNWUn4G57k3ac+MtaYpiPfWvVSIdCjUbV0m7ojQm2P"
    "TDmtSbcQOvQOtnTbDXLYDSN9grQlnamVdY9VHVEB9aXv+u1JAYtWVbQsun30O98RLTnUVV"
    "XhsnXtAdk7A+WOK8Xtq7JIsYlmxR7vCJcS9FRVsBwLTpGKHhHedWwNWE8i66hKWB0ygrnl"
    "huo2oK3NailBzOHb53lxzKuQX3W0blkk19xZGASO0fgcPEJDdzlJ0JQ/gydIly88BTYBIw"
    "TOiAmgwRi95SvwZOq2jTAYLQHEXqAx+IuMUpPM990/zy4vV3zlA/2zNuEv/PYVjK+8KhLQ"
    "c5Ud0XOVcCtPdNr5hgGsYZkjOpQ3dCaXKfzPJE8pa17mzOA35yTQenoIx/hh21v6Y1sIHU"
    "MzI8gkJBQDdbS0VybUicGag1mjLTUifi46NButrtD/etYR/nwVcXa1pe5Hv33Yh9X4qohC"
    "DHm6LzD0rVyRUUnucC6P5zHpcOYxJNlT2Wk6nItk/nPnxaHXLWpebAZsILAfPE/eSOCuoP"
    "K5gpKsRWTEJ3UhYaQQ+k9BTfy+6uOkxnpR+IMPvADqu/E/noMtjfsJfG85vE+o0XOUTzZM"
    "hZLEQyngefnbfpSvn+VsWc7x0nSDp/Es3TItEOc5LBKcs0SvJLA5mQmByMskJ7yMwbJlfg"
    "LPrKkdOrOGrpW2k8IjFc4B8aTLTIzWbvvCnVIHYxNOVsXyum6hPDzEPaF1WwcLqI+H+E5o"
    "tVkGxgTqBkvL+Cyxe3SRoj8Puk2p3RabSqvRFuvAwRQDA2k2qyEb9x8UChbbe5pGZLXaxM"
    "KOCFbQwD4Rg7oQj8IG6hYqDolxnqzM+uUx4ylT5WFydiNb/YL74pgUp6RSKClO+h0a4XDo"
    "2WYIp0huhXDZ5gvOA54wD5g2Le8B5nARxYpCHFuOnofXikWa7gjxhoGrJZs1iqKcMmmWqZ"
    "AoI7NTKFiP486mXz0i/flou1vHZDJ+IU8yAezFpyZx8Bg8EfPhN/dAFapTBwHCzmTRoGnq"
    "yAK6Tf8bJ+Pr9tLj8xF1L1mHMSBGZgia9og+iVO7ZVvzz3Oo3ewAwedZsVMIFqy1Oqzsid"
    "qUP9e9YFVVsx6HWP4iij31d6kh14H1hNBCpTOFtQ3Htf/AwtMjK2vuJLZxzZo/BuKAUZEr"
    "6SHuD7rdVvdjHZgOxlQDVE2DZlMUb1kjy9E0hMYoQWGWg5hcmIRRJClquzMIzJimwkIxbU"
    "2Y1KH09ebiJao3SYNGWwS9vthssdJCUV7KvRn1mfRFoR2vkEXByizmlI5xSKRyEbfXhUij"
    "6xzS6Dqljh404TxlHP8uS90s4tWXiPOuumaD/wBDtw42lGv/mDjYzf4BI0c3bB1bF+yx/z"
    "yUBnIAZwhFOFgf53XwaEgFzZTQUdZBI1E50mLvv4E6Aomd1FFOQ+ZouCPTJCkWukL3qumw"
    "rwWqQE7nuRvEP5V8tCMh0n7zuApiAdK2jeaLtPS2zD1+WOR4DOqhFs69x/rzWORfMBaZbv"
    "7N7bQeleT+0zL7TyNky4Z6jstyTZdZ0xMd69Zsqw86Jsr1XGY9c3cy93a+/KdUutPmQux/"
    "rHxCLH/VE/czJArUzYrWbTjJmS+9EMYGTjW3NFaKV80vmZXtVvMrlBeoYgEWyLQIBsQEGp"
    "kvIF4CHbuer4mDMTLACE3o5+ZWmXia6QZ6Ra/Qlqz+BFyXJE8pX7HHjgulVxz2CL0jH5cW"
    "eAkO/yjimNoBTgcMxwVwj2OZ1t3zHI9j+Y98O+VqGfzAtwMDHExmheOW1xJldpSXKWr5BP"
    "3fLM1mw2mjFk7Q+SL1P7mebxYX5Hq+m1L3s9h3z0qhGnhEjJwb4tuW/MdAaLfuWuzGWLe+"
    "O9BwTyCO749exgsObfr8kWOnldbMdlhFpbgPce++LO4M2EYVJ8cirSeKbRQdk+V8YZk1zQ"
    "+D4IdBVBXwl0taKxvWPGftBBDmToZfN6WqZBPGXjOqXibPJ+0kijQPRfqBFTkOC19AtaMS"
    "zzowJIyAZaMFS+AJ3Ab/ZYG/CDvYdHkOnnR7Bp5myERAt4FG3xRMTDIHkOX5zJZJ18V+ut"
    "wwNSim9B3TdJ6n/XkeUMkWqvMcVp4NLnWnc5KjPZR4q8tPSt6R46Nm6U4jJSxfZkqcD5Sd"
    "yeBNSSjOMp4A95TnAivgnjkJd1hNVvqtnkg/dLfq0BDfDxpyT1LqwOPQ6DwgtEX5Tuo3Wa"
    "s11TPEq4xTP9uUfse9Fv2GF/oQ34odqQ7GaE6o9FdZETtUckk3gvNyfK90ArHSDNVsiiuQ"
    "qJx7/iCpdbweE+e2Tglhzm39utzWqUJcYnIrfGBoCqkVO080m8wisYaHriseDWxNi30Nx8"
    "ZuGvhqEAupbG/PfjtG4OuUB6Ny2suFpPzBqKcdLckrxxetjcIrx+9rIO+/cvz2VOdp8Jy9"
    "viT3WNF3FoC6MIm1YCXfWRCqF2vaFFb8pBdsqsEVQ0nlepIstF2hBaHbhCHuih8lpeW1x2"
    "hKbN1r3WxLsnirfnGJTrbmj9Wn0HX6r7K+Qf+1y8GJ0L9sBEe64W21Ytvv3MpOYbljFnd6"
    "oRlsD9WdWLqWBi1bpSOMDh0zY14r4IxK66jc32CrJ7ZbXZF+S/oCGTpGQ9wQZUWlJgu9OE"
    "LuH2Mh5jHodFrsUyHzuW7734//6QyxRO+6/gAyZyc1l8QXEN3lJ30CGWtVRCrPL1AeVe7l"
    "YxIUMXHwhbrScBK/BiEGgjjDFAjLxQ9wpYKHAm595cgHuEpSO+JIabTi1YcGnYZIR29sm5"
    "WkFClyT2nc1nNwP6Uy4hzrPKx5gsI2Cjg91yGPpT5uLDXPE/gFwtbLNmNx394pIMx9e9y3"
    "d2oQ7+jbi7F6qjaDeJqWquzXE7r79HwloZDXTma9Nt1OK6SEn0dyiYbRy/eOxnAu5ChVwy"
    "ov5DWtuY8BM52OOXPpxurjcJgnOJPXu1IQerv7lcCrZNz/Pjrc9ECQEAI8Lr+UC/F5joPy"
    "V4rL524IHnPPBwGPp//VSLHkEl3Uuk0IcuOW0wecPigX2AelD2KRoLsiHe2tqkAnps1SxQ"
    "iHR3uaGRz7GnKM33jLArV6bYQhti+A+IiYhcosTGCSJ7AgDGUAbUAwSqvFW1zweQOWm5g8"
    "BvZF/EKXhfxClzl+ocuU+lGGM93I1em13w++Lzt0I+h+KALuh2xsPyRdbjxqIBP6ap1xlN"
    "htFiH54UJXH9ByR35fWOh0B3WCQyCTz0/zP+0IUgV9T9FYMDeZe0eQNjtz4jRxwo9E13Z1"
    "qbVWvVQVJP+k6e0B8o69ryI4rNzKjuj4x5dUEZ6getmuIKVXUKsiZoHBr+/R2V99tJY8QG"
    "Jz+CxntO58R+DkUFdVhcvWtQe068ZKdtwhprh9VRYpNk+vioPtCJcS9FRVsByLBfugR4R3"
    "HVsD1pPIOqoSVodksCPTVgqDHZ/WshlsK97y0IUu3GJfzxaxiEUhhk5OPnjpCnayDY/eOh"
    "VqfWHAjcqp+e0rSK3zg6K2jYhS+i2h7YZDUbyh4cZCuVU/xTpwC36iIe4JsqLeDlj2MMt6"
    "HjssT1joNsW2mxnM/nyjLJnAFoJpa3LmZLNuf7zQi7elnm9CC6qZkjeQU1vFa88Lq6wGKS"
    "+s8sKFVbY8qioqWUHn3Yk46wpFN/qLzzZO2qgoP5GszHoObKcNpsyIUIlzE8q06eV5xjxQ"
    "+JQQ5oHCZQgU5nnGm0C8tzzjY8dDlGw5fCH+OewNSiWgY+6iPAbabaraQdu9ctAb0MzsoP"
    "DdWWZOAB+TALac0V9ISzF8crbEgUjlztQ4SI1hmyx0bROE1wJlpn23RPjmXQGAb95l4stu"
    "xQug6sRMTS8qxrKH5csMeK0tfakDgzwNcVfqd1gmMSbmnOUR37c+3tfBTJ/OhnjQ/yh2lT"
    "pwzKnnEi4Do44Z/5FWaDunQm1Eqtz1aWuv34IziKfm8hW4uAD0F7pQU3XQ93pVTAV5DPEe"
    "CtcGa3NCA/kUV0SQM5mlZri8egBb8JhhQc5illrHnFzj5NoJIczJNU6unRrEJT6gKxwZm0"
    "IcxQJns2kjO9awQOY9weg1mUzAwjG1GbQQOCPmGJkWKxOHCX4djoVcnyps/Qaa8mfvqFEr"
    "peLcHvstFEGJftjIxNDYNIaSn0bPabMA1PAoSqCbTezExMrMNpTJoczLilXSlOFnr/EQwR"
    "MPEfzuQGyncs+ZS2xYhAcMx41wi9Bd4Pan2a2ljzh2V3vQDYdvTVb6rZ5YB6sAsyG+HzTk"
    "nqTUgXe0xRDLQluU76R+k7Val10e4lanJ/Vpw9Vzh1joteoALvQhvhU7Uh2M0ZxQ6a+yIn"
    "ao5NKy0bwcbgBW+BSZ6TnOv8tSNyPnJCIVn/d1zQb/AYZuHezTqf1j4mDXUgIjRzdsHVsX"
    "7LH/PNSMlQM7QymyvPtwn3WEP+OaaLalRnzdZh00eLwepxRPGGFOKXJK8dQgLjGlGMofT2"
    "EUo9nl2YRiKJ+9GKHYM8nYoYu3K1gH3/x98TewSopn9N83NlC+sdqc36D9DZyRiY0wWJjo"
    "NZzSFW3KxgmgmwMwhsv/fkLoIYVgPOBzdguXOybh19Cnvwrn9z+Xl1dX7y/fXN18uH73/v"
    "31hzfrNSZ5K2+xabQ+svUmsqd6nhl0AUw1XzJivbz2FeQC9x/qxYnAShKBnEXZs93BDe1d"
    "vyFuaJfeDOSGNje0SwI2N7RLA3GJDW0Bmbo2q6UY2d6d8zwDGwZtDpngxeNIjhlH8ohMK3"
    "UGzTYYQyIVtBkPkoDFPqoNEPaaVxDdw5R7INhOTe3JtjRCIsc3M17GKN+bQZHYlB1zMfv5"
    "/4OQGtw="
)

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
COMMENT ON COLUMN "job"."kind" IS 'IMPORT_CSV: import_csv';
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
    "qUP9e9YFVVsx634bL2H0B4eqRkzZ2sNq5N88dAHDDKcSU9xP1Bt9vqfqwD08GYamCI5UGz"
    "KYq3rJHlaBpCY5SgKstBQC5MwqiQFLXdGQRmTEdhoZi2JkzqUPp6c/ESVZqkQaMtgl5fbL"
    "ZYCaEo/+TejPpG+qLQjlfComBlFm1KxzgkUrnI2utC5NB1Djl0nVIvD5pwnjKOf5elbhbB"
    "6kvE+VVds8F/gKFbBxvKtX9MHOxm+YCRoxu2jq0L9th/HkoDOYAzhCJcq4/zOkg0pIJmSo"
    "go66CRqBBpsfffQB2BxE7qKKfBcjTckWmSFEtcoXvSdNjXAlUgofPcCuKfSj7akVBov3lc"
    "BbFAaNtG80VaGlvmXj4scjym9FAL595j+nnM8S8Yc0w3/+Z2Wo9Kcj9pmf2kEVJlQz3HZb"
    "mmy6zpiY51a7bVBx0T5Xous56525h7NV/+UyrdqXIhlj9WJiGWp+qJ+5kQBepjResznOTM"
    "l17wYgPnmVsCK8V75pfGynaf+ZXIC1SrAAtkWgQDYgKNzBcQL4GOXQ/XxMEYGWCEJvRzc6"
    "tJPM10A72iV2hLVmcCrkuPp5Sp2GPHhdIoDntU3pGPRQu8BId/FHFM7QCnAIb9/9yzWKZ1"
    "9zzHs1j+o91OuSoGP9jtwAAHk1nh+OS1RJkd4mWKTj5B/zdLp9lw2qiFE3G+SP1Pruebxf"
    "+4nu+m1P0s9t0zUagGHhEj54b4tiX/MRDarbsWuzHWre8ONNyThuP7o5fxgkObPn/k2Gkl"
    "NLMdVlEp7kPcuy+LOwO2UcXJsUjriWIbRcdkOV9YZk3zQx/4oQ9VBfzlktPKhjXPTTsBhL"
    "mT4ddNnSrZhLHXzKmXyedJO3EizUORfjBFjsPCF1DtqMSzDgwJI2DZaMESdQK3wX9Z4C/C"
    "DjBdnoMn3Z6BpxkyEdBtoNE3BROTzAFk+TyzZdJ1sZ8uN0wBiil9x3Sc52l/nu9TsoXqPI"
    "eVZ4NL3ek85GgPJd7q8hORd+T4qFm600gJy5eZEucDZWcyeFMSirOMJ8A95bnACrhnTsId"
    "VpOVfqsn0g/drS40xPeDhtyTlDrwODQ6DwhtUb6T+k3Wak31DPEqs9TPKqXfca9Fv+GFPs"
    "S3YkeqgzGaEyr9VVbEDpVc0o3gvBzfK51ArDRDNZviCiQq554/SGodr7vEua1TQphzW78u"
    "t3WqEJeY3AofDJpCasXODc0ms0is4aHrh0cDW9NiX8OxsZsGvhrEQirb27PfjhH4OuXBqJ"
    "z2ciEpfzDqaUdL8grxRWuj8Arx+xrI+68Qvz3VeRo8Z68vyT1W3J0FoC5MYi1YaXcWhOrF"
    "mjaFFT/pBZtqcMVQUrmeJAttV2hB6DZhiLviR0lpee0xmhJb91o325Is3qpfXKKTrflj9S"
    "l0nf6rrG/Qf+1ycCL0LxvBkW54W63Y9ju3slNY7pjFnV5oBttDdSeWrqVBy1bpCKNDx8yY"
    "1wo4o9I6Kvc32OqJ7VZXpN+SvkCGjtEQN0RZUanJQi+OkPvHWIh5DDqdFvtUyHyu2/7343"
    "86QyzRu64/gMzZicwl8QVEd/lJn0DGWhWRyvMLlEeVe/mYBEVMHHChrjScxK9BiIEgzjAF"
    "wnLxg1qp4KGAW1858kGtktSOOFIarXj1oUGnIdLRG9tmJSlFitxTGrf1HNxPqYw4xzoPa5"
    "6gsI0CTs91yGOpjxtLzfMEfoGw9bLNWNy3dwoIc98e9+2dGsQ7+vZirJ6qzSCepqUq+/WE"
    "7j49X0ko5LWTWa9Nt9MKKeHnkVyiYfTyvaMxnAs5StWwygt5TWvuY8BMp2POXLqx+jgc5g"
    "nO5PWuFITe7n4l8CoZ97+PDjc9+COEAI/LL+VCfJ7joPyV4vK5G4LH3PNBwOPpfzVSLLlE"
    "F7VuE4LcuOX0AacPygX2QemDWCTorkhHe6sq0Ilps1QxwuHRnmYGx76GHOM33rJArV4bYY"
    "jtCyA+ImahMgsTmOQJLAhDGUAbEIzSavEWF3zegOUmJo+BfRG/0GUhv9Bljl/oMqV+lOFM"
    "N3J1eu33g+/LDt0Iuh+KgPshG9sPSZcbjxrIhL5aZxwldptFSH640NUHtNyR3xcWOt1Bne"
    "AQyOTz0/xPO4JUQd9TNBbMTebeEaTNzpw4TZzwI9G1XV1qrVUvVQXpLzLaESDvePsqgsPK"
    "reyIjn98SRXhCaqX7QpSegW1KmIWGPz6Hp391UdryQMkNofPckbrzncETg51VVW4bF17QL"
    "turGTHHWKK21dlkWLz9Ko42I5wKUFPVQXLsViwD3pEeNexNWA9iayjKmF1SAY7Mm2lMNjx"
    "aS2bwbbiLQ9d6MIt9vVsEYtYFGLo5OSDl65gJ9vw6K1TodYXBtyonJrfvoLUOj8oatuIKK"
    "XfEtpuOBTFGxpuLJRb9VOsA7fgJxriniAr6u2AZQ+zrOexw/KEhW5TbLuZwezPN8qSCWwh"
    "mLYmZ0426/bHC714W+r5JrSgmil5Azm1Vbz2vLDKapDywiovXFhly6OqopIVdN6diLOuUH"
    "Sjv/hs46SNivITycqs58B22mDKjAiVODehTJtenmfMA4VPCWEeKFyGQGGeZ7wJxHvLMz52"
    "PETJlsMX4p/D3qBUAjrmLspjoN2mqh203SsHvQHNzA4K351l5gTwMQlgyxn9hbQUwydnSx"
    "yIVO5MjYPUGLbJQtc2QXgtUGbad0uEb94VAPjmXSa+7Fa8AKpOzNT0omIse1i+zIDX2tKX"
    "OjDI0xB3pX6HZRJjYs5ZHvF96+N9Hcz06WyIB/2PYlepA8ecei7hMjDqmPEfaYW2cyrURq"
    "TKXZ+29votOIN4ai5fgYsLQH+hCzVVB32vV8VUkMcQ76FwbbA2JzSQT3FFBDmTWWqGy6sH"
    "sAWPGRbkLGapdczJNU6unRDCnFzj5NqpQVziA7rCkbEpxFEscDabNrJjDQtk3hOMXpPJBC"
    "wcU5tBC4EzYo6RabEycZjg1+FYyPWpwtZvoCl/9o4atVIqzu2x30IRlOiHjUwMjU1jKPlp"
    "9Jw2C0ANj6IEutnETkyszGxDmRzKvKxYJU0ZfvYaDxE88RDB7w7Edir3nLnEhkV4wHDcCL"
    "cI3QVuf5rdWvqIY3e1B91w+NZkpd/qiXWwCjAb4vtBQ+5JSh14R1sMsSy0RflO6jdZq3XZ"
    "5SFudXpSnzZcPXeIhV6rDuBCH+JbsSPVwRjNCZX+Kitih0ouLRvNy+EGYIVPkZme4/y7LH"
    "Uzck4iUvF5X9ds8B9g6NbBPp3aPyYOdi0lMHJ0w9axdcEe+89DzVg5sDOUIsu7D/dZR/gz"
    "rolmW2rE123WQYPH63FK8YQR5pQipxRPDeISU4qh/PEURjGaXZ5NKIby2YsRij2TjB26eL"
    "uCdfDN3xd/A6ukeEb/fWMD5RurzfkN2t/AGZnYCIOFiV7DKV3RpmycALo5AGO4/O8nhB5S"
    "CMYDPme3cLljEn4NffqrcH7/c3l5dfX+8s3VzYfrd+/fX394s15jkrfyFptG6yNbbyJ7qu"
    "eZQRfAVPMlI9bLa19BLnD/oV6cCKwkEchZlD3bHdzQ3vUb4oZ26c1AbmhzQ7skYHNDuzQQ"
    "l9jQFpCpa7NaipHt3TnPM7Bh0OaQCV48juSYcSSPyLRSZ9BsgzEkUkGb8SAJWOyj2gBhr3"
    "kF0T1MuQeC7dTUnmxLIyRyfDPjZYzyvRkUiU3ZMRezn/8PqZQSdg=="
)

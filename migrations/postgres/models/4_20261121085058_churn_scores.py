from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "drift_report" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "rows" INT NOT NULL,
    "psi" JSONB NOT NULL,
    "max_psi" DOUBLE PRECISION NOT NULL,
    "max_feature" VARCHAR(64) NOT NULL,
    "flagged" BOOL NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "model_version_id" INT NOT NULL REFERENCES "model_version" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_drift_repor_model_v_fc96a9" UNIQUE ("model_version_id", "computed_at")
);
CREATE INDEX IF NOT EXISTS "idx_drift_repor_organiz_9bcf4e" ON "drift_report" ("organization_id", "computed_at");
COMMENT ON TABLE "drift_report" IS 'Population stability index per feature between a model''s training rows and one';
        CREATE TABLE IF NOT EXISTS "risk_change" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "from_level" VARCHAR(16),
    "to_level" VARCHAR(16) NOT NULL,
    "from_probability" DOUBLE PRECISION,
    "to_probability" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "model_version_id" INT NOT NULL REFERENCES "model_version" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_risk_change_organiz_62f9c1" ON "risk_change" ("organization_id", "at");
CREATE INDEX IF NOT EXISTS "idx_risk_change_custome_e26a75" ON "risk_change" ("customer_id", "at");
COMMENT ON COLUMN "risk_change"."from_level" IS 'LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical';
COMMENT ON COLUMN "risk_change"."to_level" IS 'LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical';
COMMENT ON TABLE "risk_change" IS 'A customer''s level changed, or its probability moved more than';
        CREATE TABLE IF NOT EXISTS "risk_score" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "probability" DOUBLE PRECISION NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "factors" JSONB NOT NULL,
    "recommendations" JSONB NOT NULL,
    "time_to_churn_days" DOUBLE PRECISION,
    "time_to_churn_low" DOUBLE PRECISION,
    "time_to_churn_high" DOUBLE PRECISION,
    "scored_at" TIMESTAMPTZ NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "model_version_id" INT NOT NULL REFERENCES "model_version" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_risk_score_custome_50c6db" UNIQUE ("customer_id", "scored_at", "model_version_id")
);
CREATE INDEX IF NOT EXISTS "idx_risk_score_organiz_282637" ON "risk_score" ("organization_id", "scored_at");
COMMENT ON COLUMN "risk_score"."level" IS 'LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical';
COMMENT ON TABLE "risk_score" IS 'One scoring of one customer by one model version at `scored_at` (the history).';
        CREATE TABLE IF NOT EXISTS "customer_risk" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "probability" DOUBLE PRECISION NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "scored_at" TIMESTAMPTZ NOT NULL,
    "model_version_id" INT NOT NULL REFERENCES "model_version" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "score_id" BIGINT NOT NULL REFERENCES "risk_score" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL UNIQUE REFERENCES "customer" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_customer_ri_organiz_ac4f1c" ON "customer_risk" ("organization_id", "probability", "customer_id");
COMMENT ON COLUMN "customer_risk"."level" IS 'LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical';
COMMENT ON TABLE "customer_risk" IS 'The current score of a customer (its latest `RiskScore`), one row per customer with a';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "customer_risk";
        DROP TABLE IF EXISTS "risk_score";
        DROP TABLE IF EXISTS "drift_report";
        DROP TABLE IF EXISTS "risk_change";"""


MODELS_STATE = (
    "eJztXWtz27aa/isYzezU2VG8iROnWWV3Z2SZSdTq4uqStnt0hoIoSGJNASpI2lXP9r8vAJ"
    "ISSZEUqZtJFl8Sm8QL0g8uxPu8t39VlmSKDPO6vtJ/ROtKDfyrguESsR9Cd6qgAler7XV+"
    "wYITQzSFK119dBtNTItCzWKXZ9AwEbs0RaZG9ZWlE8wb1zGoPzQBa38NuthYAwj6X+uvb2"
    "4/gAU0F4DMgLVAwEQaRRbQTWBahKLpJzBeUTTT/xjza7zFk27q7AXAClLrmj97SjT2cB3P"
    "z/sYG+u/20i1yByx+5Q97B//ZJd1PEV/INP7dfWoznRkTAOY6lPegbiuWuuVuNbE1mfRkP"
    "8FE1Ujhr3E28artbUgeNNaxxa/OkcYUWgh3r1FbQ4ztg3DHRAPeedNt02cV/TJTNEM2gYf"
    "LC7tvMD2WkVVO92B2lcGqlrZGUhPwge6e0kjmE8C9qqm+Ovn/BVe37x9//37j+8+vP/Imo"
    "jX3Fz5/i/n0VtgHEEBT2dQ+UvchxZ0WgiMt6CK/3dgbSwgjcbVax9Clr1yGFkPxyRovQtb"
    "bLfz/hLgLuEfqoHw3FpwRN+8SYDyW73X+FrvXbFWr/gjCVuozgLuuLdunHsc7y2+znrIgv"
    "BW4jQYv+z0DSD89kMKgN9+iMWX3wrC6+xAKt+UsmAcEivhZP7wPgXUH97HQs1vBaGmxIjZ"
    "KRRsLwXOTfZCEGtoB29PNs9AV741lZ+VXo19s9AzoiNc79Rbv/YHNQAxNNamNcLdB6VXH3"
    "RZG7Lib0x4q/t2s8PaTJc6Dn9HX2ZNsKnNwVShtTtc9+yOpS9R9LIISoYGa+qKXns/5Gfo"
    "0q8R9gdO+YHG3QYToB8020p/UG8/8MctTfN3Q+BXHyj8zo24ug5dvQoP06YT8HNz8BXwX8"
    "H/djuKgJeY1pyKJ27bDf63wt8J2hZRMXlW4dS3Y3tXPdQCo25A01Jt86BxD8ueYOTdV87L"
    "wBdkoD1MEkeaoifyeNA4ByXlKOd5lAmdQ6z/CTkGaibVJ0Jyvx5UhM37BKoQVy5nj5GakB"
    "+2XbQ/M/1Wn2Omze+cdELguqp/N9RdwcD+y5tV3tXtaqfweaOdR0029gNDAFnO+bDeb9Tv"
    "lYpAfgK1x2dIp2pgCPgdckNCVzZtd28tb5bhK+yINhcg8b+Gv7s7Cg2CLYdQ2eFmvFvVJH"
    "JG8zXaT84Adio0CQbQAhBotmmRJaLgqg8NZM4I1RBwH/oqgnLJKBxBpPxjZw6bxKbOJEV/"
    "WIiycywfo3+GGJd/VbZoVrwni4ZCkCmkpsk63KDtAulOHG/eu0+hUPwi9jJftxHzBC2hbh"
    "z1DEkVXZIq2k6mQ1TArXSulcD+oNd8UGqAY71CI/x1eNd/6DIlcGFPzBVhSmC/3lL6n7u9"
    "Bm+1WZwj3Gw/dHusob5cEcra1R+aTC1c6SN8r7S7NTBFS8KkmUaptJkkUyjRMh8Ko39viB"
    "zd6HUTEsvzsB7KV6ViBN8mMIJvdxlBZ9vLgrMncBDCOTuihyjX29s0lOvtbTzlyu8FAc4/"
    "pV2pFBddyS7tOzOXQv30HwPTH6VCUgepnXnbsE5yqpJ6vdTrcwH2yfX6qE3jBDA3fF0Va8"
    "NIi3Bor8wVa+KBH0Wb+AYmgTfxt9pLnAwWCEBNIza2aoBgBNhYsledAoo0QqfsHiWmCfpC"
    "J6uCr/akz1SxKvBxIxBPXc3L3OVWztB/KvployFRNONERwRBIx7pci27t12lM/b+Vv/cy+"
    "tELGi2BudiCZ6d6hHQ0/VFnsUAYJPvQg9bGRBf5EFLSi8zUoFD+tkf5+leBSAb9z9jSthD"
    "sGQ0c3UyrErntxfjCiTVdWaA3R0nA8JbCQlxKoj9x4m0IPtlygfzWVhx3wkxLco+kfKBfJ"
    "NmJsfP4x3nTTSPpD/i0d1KlA/cs8xgTxVI7efttpfwptsgbEoR1rLtED6ZC1p3hv37yxh4"
    "3qWA+V0syO/CELs6ZhDdNsEuabcDr9s+bMlBmr6ExvW98/+5UH5zJoQTIL1XGs12vXX19n"
    "3V2XrN3w3dIew6w7bSazbcW6EYBY9mOchtwhO+4Pw1EJxmnMCVllK/rwEuOcLtn1o1sPzd"
    "GOE+/8nkP3UfuHfEsNMc/Mq95zmRxl7KWo9wY9gfdNvc8d4jDUdY+eWh3uk3u50aYJo0xF"
    "yRZi27nUGv3hiI69wzi7OK4k59oPaa/R9rAFoq1c1H1vbrsNdR2CtpC5tixN6qp3DRb/UB"
    "v0oRF30SyB2yw0mnfWlWPcSsOtOpaakmQviAkd4Rlh7ceR5rezU9cEkHJUu4pAsahxMx7O"
    "7bRzjTcZtPhrNqWE6qBanUgq0BLQPWASEJdCqgfabIDEgHpSTU6eZ0wKqbZV6HBSXgqQCX"
    "PlnSJ+vlD72XiLXyE+4imMjchf/Olfz8Yw8ZG0xj3LS28VHF2lXiMA/GVOv48ViAXE6jxb"
    "oq0dQMmcieiK6hI5FqOr2UFSROjR2JUMvl5Uq40tgdbOqW8Jc5DiN9hrQ1++gPNj2WdUZt"
    "WVT92LXX3RKyZUVrBddLhI/93j04vZQVJM6dq9oC4vmxM6rHemqIjkqNlakRegqo+ryfsi"
    "Jl2pNN50di1fd1VVa4LF17RMduVH1bbOkD0VdpkeLfeMcGeCRcg21PZQXLNuEcqejp+I/g"
    "kPekPJXsO5gpoCb4GYiHs4vRgLB/0iuKPbe/khzyD4w8EupyQvSRp07vj0BSDa/p3jAkNk"
    "5gRcmTPkXUixcCV05U0MY5YRMeBDSyXEG8DoYJOVKvADsVEONp17vgLA8ZYYuIuKatPI9X"
    "WpBnoFvgGZpgCS1tgaaFyBwjYyAuGQMhs7rIrC4yq8vRJiR3g1UnmRxUg1JlxFo6yknnqW"
    "LlH8nbqMoEJEVAWBq7X8rY/fIJSIoKcQEykAg2JIEH8NiSFDyAR9SkS0fihA5ZQBD8vN6N"
    "PyerbpnAYPPBtMB4w96PX1WFDk6Z1r1irTbNn3VrAeAOEXCWp4ywoT8h4GfceUJZXorH7Y"
    "o/ir3BJ3FNTFBgIvqETDCGlrDauD2aY7BigxOb7iSJCoj6UlAygRPdcE2MkizI65esmkAW"
    "hAYxtMUaBMbgG5ILAT3jgsXdZyNDxbrDu5YCHnpKo8njmIIHbHFTsGybALKeUm+FDmoGek"
    "Ix2RP2EzMb4TwrlZVW9+caMMjzCLeV++awXQNLNNXt5Qh/bX75WgMLfb4Y4UavOWg26q0a"
    "YLKWrjlBhS+viopd+xBNNCAoFdFcK6LiSKE+se9hZn0pSlQqTFIlfQGExY4TCe2dPo9F1y"
    "9VJlj/8+bm3bvvb968+/Dx9v33399+fLPBd/dWEtB3zS8c68DmtAt+jriswp9OJc+SB54l"
    "8GU7AdZt/t+3bXclxTrqQLAfbNPzDTwS5DL6GYYR9n+xjuez0hCLnofPBWjFF928z0cqHk"
    "UU3lN9ZvUQN85XInhC/+1qEk045Q1Vum25lyV8ICvbceoCbNAdcsMl1DgxN0PQsikCE2Q9"
    "I4QBBOKp35lAwMeg5hyeKRx1CEY79OBpux9hl/cD1BaM4Jg7FtmOOXT8CYxnBpwzgMfgec"
    "F6G3PNeWXqY4D+0BCaOsW8rQXTqxbESHAj2vkw+B6TOT9xQLYqOcL8nMKqCRyhf9R20N1j"
    "oQ+KSmYk18wI318yrB+v+eUUyXOlCDu1cs422l0cf+h3OzFkutM8vDp0zQL/BwzdPBuelf"
    "+a2Vj4yIOJrRuWjs1r/tj/qVx+tXB4AgvFI2qv2vVfwhxuo9W9C68A3sHdjhOX+OplMm34"
    "ZKRZI41ZgwPmnl6ijRvxOPvESles68P7FOaJD+9jzRP8VhBo90gXQfkRYiCIo3H2SYUwnj"
    "Cxc4G8uXLZ+XzX7bYCu8hdM8TmdYbtO6V39TaU73F3E98cjjPtHgEpuX+k2j+kQUYaZAqJ"
    "sOSuJXddWKzTc9cv4zHYFAE6dzygohJBBPpvV5OIQCfQR51sWu4v+46BvWLf6imaVsETNH"
    "SRvBM0+t/AM9QtTrpZBEwQuCIUQIOnvly/As9UtyzENKk1gNgNLwK/kUlEZfjT97/fnU9y"
    "ZpfkzB7Zn5VFGfLa59m560A96F2ayhfv4ktfvNvJvz7TWecZKz35ZUqnap6lTk7u2cDcbw"
    "/B3HxudoWwsw6GNKYag08orLivLSdHTcFgTVLcXUZvo7izqXnX7NR7v274v41e2ep2vtxF"
    "MIB3vw6Uegh5di4w9INsF0FJmZk9z5YLGUMav5UVMzO7u1gSR12SGuf+bjH1IhuwWwHp3i"
    "gpogM+R5fImZzkF8Ym8O5YZHQJ+8Hpo1BzPS382wV+bkcwtsegOYXuH7LL//huVxP5n1DD"
    "NPSPf5J9Z/LSVBg5dnI3L5OX8OkaNCiaslO6zvoCkCKAsEbXK87nQIvnc7K4x1YUBXTqZ4"
    "yY/BOivGTXExLuXU5pWGDANaKfwJhNWwuNATdOmW6wKDv98Oyn0ADP7B5dQvoYGx4am1Iq"
    "7AUmmSaZ7kmmezo6GHECTaTaNFO5bb9M6Viu21Rpnm4T0jzdRpRmQWwPtEx1s6Xuwj1Af8"
    "SFU0UJlwD3JB1R+WUQUA933LQCNI3XPOy7FTUIKv81gnKMd5wLy+XDg44/rzQedAhzeLL6"
    "HPmkLuhz5H3WC+tyZPLccbaRybDhlynB1nORCnMMjEzbjCeQj/2lVB66K2ibaKraTLuJOO"
    "kkc7dhWcnR55mjF6OlUgTNKLorfoMLy5VukzvLudaAvLKw+204xDAS2YFcYXleYdIKFr/i"
    "ymsFk1WpyzbqEYt9t1aYtH1Ka92LfzZfxlp3ShuTU6Iy0r60qV6ZZFvaNtpnV4rHNp2xZV"
    "PiPHXNDt7MNO3NDn9kZk6+/fieFDG026fJ6P48bWvVBPsRXPLSM7vAtglGMY6JW5HwmQFp"
    "+hIa1/fO/8Xd1yJD3ZRGs11vXb19X70JMXmdYVvpNRvurXCuMJ4RWMtURcIvc0F1d9i/v4"
    "zG+y6NR3i8Q3gUoWdHGA5SmkA30rk2gd736p8HNTClcGaNcPdB6dQAWSE8wg/15n0NrKA+"
    "HeHP9WZLueeP1A1eRupbl99jHyn287DT6LZaSmPQvGspNWBjhoHBXQ4mxk62mpcxeQa+Vl"
    "k0mYBgCRWZ4iouUTygfsgQ+8QkC5Xn8d0eVDN88QJCB+3DORvRC9ixcpSF9KXBltHyBUPY"
    "X88iG8IRkgchnLf9QrJXBWavZMmis2YXjds5TgBxxvrzOds10qIcsWlmpWH9B/j18via4w"
    "9OL+XBPFu98YxENQ8piSCp3UiTeILaDWfZH/Rwb1MuAyjSCJ3yylX8xeeU2HgKngl9dOpL"
    "sRGwESDYWAMNUqojE/CqVvp0N8vFSXo8vkxV0LR9Wgp8Sx0tEKTWhD1Jkt95OxVVE8jv+D"
    "Qd+3nDIqTsqDjhD2qj/80LgVA184kHPHQaar87dOIl1lhTnUiQEX7odRtKv6/+rNx97XZ/"
    "rPEwJI3NZPUZTRaEPI7woFdvdtTG12Gvo7a790qr5qSoVrWFTbEqdiH2hEa3p6iNYX/QbS"
    "u9fs0piad633vzEMbx9KlEikcdV8SG6S351BPhp6Ey5MSwIz3CvWGn0+x8qfH04Ty5OBuw"
    "YaOhKPe8kWlrPEk42iGU80ETsxnJCauIYUuuWLcRumRexjfX58panGSrOkVaRgYWO4xkYf"
    "F8ItJLM42X5gpSuMwU8rKVkM7oAUb8FM7o7BZ//wzDsZU4ajjyqeJcLsiIUhLBl8QH3m0E"
    "ymAquHS0HbQstFxF6e+x+oRfRKb738nuJf2uS+aBm8bvmh3+6WGjHpSU1uw8W7MDxE7GcQ"
    "7LypHO80jPdKybi4MWdEhUjnOex1ka96Xt+eWXUu4iJ3yWhlDC9Ggbn5cTbb+lL5SpvZA7"
    "3661L3AU5AQ6tSNmd3a0+qyvnl0iW/RfGU2dLaYxVCJsneJ6NcnYaXgt9qd44yU3TcKTsA"
    "FeoxBiXopT2CNnNsbIABM0YxuTyMD/vNAN9IpdYS15bn4IPCNGRGr/E3acKizITYClOobN"
    "iLChTS6svaFDFzaeRjxua085/6M2ic9O+yi/P4u0A+fphFJNsANnrSYgKwlkqSSAljAquU"
    "s8vBuBMtC7FwA4KQdkDAVViLyPefK2L6CnAA8Py7htVPyBZT93ez8KHwHurSV8BBrdzjel"
    "N+AOAWwEnhCnMUf4vtn/aVhvNT83+Y2pbv5uQ0NnMOXEXwBa7PkT28qWXDAoJa2tJ7f6Sb"
    "PJIUNROL5ts1EcVD8+KCuZ1TyPtE8XzXAUCUqV78R3ntNIQK3PcvALC0rAcx5smTesZaxl"
    "ARCW5pi/byhgzjaMk0YCnsjYldUkoc+QtmafiQGF2NTjStJENasmGiw8AdUKSuw1YHQxAq"
    "aFVjysams2+M4EvxGbYrSugmfdWoDnBaII6BbQ2JuCGSVLXimGXV7vmi5O02XGgK3QoB8Z"
    "PLWf9pfRWTn7UFUTWHk+uVS2McYFIeyn3YI95PioW2kp9fsar900HeH2T60aWP7Og6j4Ty"
    "b/qfvAA7mGnebgV07PcYs6eyVrPcJeiFVts2ZHWPnlod7hgR81wKY631oIFuzdoFdvDMR1"
    "Xl2W7zHiTn2g9pr9H2sAWirVzUfWlod3CZ6PB3WJiCGFi36rC/aPIi76BK28cHxMLT1qpv"
    "jl80yJy4lyNBmclYSSLGMBuCdZBq2kZdCyF4yQpSKyBSHKPGKS2yoSwpLb+vtyW0WFOMfk"
    "Vpv/V6eWPnMYpx1aK9igmkRoiUsq9LfdS2UNFghM1hYyHeJJdAGeEOWqSE3kAuLvMwUr1q"
    "0JrtD1/BqMKpoBTZP7mNARe8yoYtr0iakZxqjyirXUHnfVjbM9aIR1LAo2/6mvAKTaQn9C"
    "4HlBTAT6X+uvb24/AN0EYwHjN+dx1x5EqrmArME4JXcm+adL8k9c80VRufHvdAxpTHJ8n1"
    "C49OXa9SUq5h4XheGd6+qz0RDZOfOu2an3fo0OUL+LcA26+3Wg1MPmbf3PCF0uPieo21we"
    "kWR0eiaoyxudLlWPc68r56zjnh+yQRwlehqMC/89lspdEeJIY1bB7qh4cY8px8R/Ri7c9E"
    "87IlGrP8WQHK/kecDG6Xg+4PepeL4BT+esIBBhypWjdQkFbMwzaI63iha3HzGtqsrefTlB"
    "lGtiiAL//BWeBlwq2nvhxM8Y4REeLxF7hGaOwYIYUxHHuWCAvya2BWb63KaONsmvO0/l0u"
    "wC1yYn0EQGeyFw5V5krUbY0x/d9jMeKMrfir3T2GGux9yZgntYPEOTx5Hy/zCxeCLOJWFr"
    "AfwH2NjU0geKeulKvZHLGgrqybuRLNKLIk9fzWqCFhuf4zYa1yLktT3QfHL6/LGxH77Yae"
    "uTkMfqqMogxYuz09j+rnM1OKMRkH3oO/dNri3WwKaPERbeE+yS2OQR96cYNHuOL4Wl07z4"
    "UcjUpbkKppshNvFptghHv0w+hoQ/rzRD4h4ds4yITyQfA1KqNaJBQ5/QGP4gflBCYvkYmF"
    "KtFHcjUh3vJO/DnnEbC0nnY5hKtX6e2V9PnlWRvjSrLSEsW0JrQkGsB6ncKd3hQlGqY6qB"
    "RpFKpBzmfA2zxm7OZpmOKD6RfGyxpfoSLgjV/+RkMFxnyc8eFpPMQgSzsPG5MYgWcwiMZ8"
    "UihaV/cRr/4pCv00Gob0VLSEt+eJ8C9A/vYzHnt6TPh/T52FiFDhj3sKzMtJPnc5vLBB8w"
    "zkFJOcr5HuXo0Kf4ukilCn1KGspz1EWSLnPSoevld65LOHRFxP7xYO4jK3p7YTw91lWJ8A"
    "/sEVOqzyyVIs40HwnXPe+qJ3oqK1p8UqnaAuJ5lGEyC1h8TjVER6XGStRIPgFUfd5PmZDK"
    "FAC3Sz3EI5q+MMdOGFwhD8ZHl+foblOKVCIcSf23q0l+pCTUcJ8Xafwfmsr9MVQHI6pUhr"
    "+URkbnSM0gJlI9F6BL1MmYy9oV0r9TQJL/2hUXI1LPUlwBLokdFQTaJhjFxIBuRcIEC9L0"
    "JTSu753/Cwh4Ar73SqPZrreu3r6vOi602/LynWFb6TUb7q1w+hFKEdbWWeawX+aCTMewf3"
    "8ZO8y7NH7K8W7KEbUrDs+MVoy0aA+9bv9BaQxEvYoVJeYKaZaoWeGWpmjUnXRmbm0Kx4g3"
    "wkzuoduvt4TQirBjwgh3lC/dQdNtj9GcWLrbutHq9pV79WeRF41/86fqs+86+3ewucH+FV"
    "tADlx1KZnAiW64R60QzWIQGPMFDsmFxn/GBfMzA06yg3WHdy0FPPTYTsaT4gUpYXEzuK/1"
    "lHor7MvGNC8NmpbKZhibOjRmX0uRuzKqo3yvweaD0mp2FLaW9JUIfRrhO6U/UBv1Prs4Qe"
    "KPMRFPMNhuN/lSIculbnnrx1s6I9xld0X6QMJu5yZ1YPCUv2t1iflWBaSSLC75GcqTLKb6"
    "QAkBqJuqM8IR+jghBoI4RhXwy4WzajDBcwG3uXLhrBrdbitg3bhrhs0Xw/adwmZv6Ji16/"
    "PCkHuOItf3wf0cyYRIrJOwlk4XhwxA4ayysvRKwjf3HKVXZFmhv0GVm7ztWDIVaBEQls4F"
    "L+VcIFOBvlAq0BCrdxrzus9q1+e9ls/UnsmAfLhJ1I9esnU0hHMqQ6nqH/JUVtOKeAxY6G"
    "zO0bXIiYP9VSHAVX9zKgW+t/vqCLzaTbRzig4PsdgmWmR9EMk6P7n8UlcTLJh/pzo/0k4h"
    "a/jISSDr80jWTLJmZ6Vyds9EafmGHUFJN0hCRxI6+QL7rIROyDf3WKSDvZUV6J1tM09FXg"
    "KzPYqYCK2GBDoi3HIvBVEHFsIQW9dAeUKcM+A6P6DkGawIRxlAi5dP2aUasgjK2in50uml"
    "V/LWKznV8e4m4Xh3s3u8Mw17nukY7bY/Db4vO3UD6H5MA+7HeGw/7hpBpR/H3yR5xs5pM4"
    "3ZBa509RFFpWfKYnGpr3R2girgFEgVzMiLYLEzwbEBxU4vpQXJNQSeKOy67DCpho5PFaLe"
    "Yl2VHi8Z0i9D+k+OlpNk90icmqKTO2hpi9LihC00d5JGHwvWtqfygvVEdO1YJ5am00tZQf"
    "qNTI4E6AcyKSs4BtNLjkSnxbooKzzsDjb1E2xGLX2GtDXTzgabHsuKWbCW9ZG4ZU0eUmDE"
    "3AJHpwDsiEqARcBrazLQT+jAWX601tLpNTt8K7heInzsPvbg9FJWkGTCMpmw7PRImfZk0/"
    "mRWPV9XZUVLkvXHtGxG1XfFrv7QPRVVqTMNdZUah89qVg3Pbu884mrKlA7weobbHsqK1i2"
    "ySNM0NPxR4Uh70l5KvFp4RlNFoQ8ngStn52+SofXOZ2avMNohD+T75wa78q08jVK4cXkNg"
    "fQstByZYErCPoMlRUC7MRI5+jVJyarG2jKnZJMMEPIKRguynsDr9hmlJvTCXtOF1olOt8b"
    "VhWKVJQxVQXyv5JZC1NGUsishcfM4jNnLSxYJfDsM7jSHzYainLPc52ZtqaxnZ3nP3tQOv"
    "dOcBjCUxEY9rnebPFGzncg/A1JMzqnD9Xi78ILr2rs05plHYTlZERPqogeGRlXzsi4zWEs"
    "wxIKCOV5g8vTApLZjc4VDOc6cGQDNih0EK55+wjIGMMCICxjDPMQYyiTRmWBOFXSqIgd+Q"
    "Topnery9lunBbb4HcoT1GbPiNyBMcZNDHH05w+o3ZaqtObbt+ZwEBPyACO+LQKCAW6ZQJf"
    "aniwJE9oyv6lCFisWQS/eUx3IzzuI4tnRzGvfX8JHyQLjqtggqxnhDCwngng1mjeEFyNRU"
    "agfx8LRNkfqlPT8m7H5qBK4kIj9rgj+dCE4jvHd56JbL3T538XvvU/b27evfv+5s27Dx9v"
    "33///e3HN5sTxO6tpKPEXfMLP00ElI+Uma7EEjiU1gr2kGPmpNLq/lwDBnke4bZy3xy2a2"
    "CJprq9HOGvzS9fa2Chzxcj3Og1B80GT2nEZC1dc+jll+e2mMJ+1Dj55fOsnxd8mMRyOLS+"
    "SZTwgUVO8nn0ibR3nKDGCZvch2K+KyrLyqSBXJK/pSR/JSV5Lu4sEIyQDd4oUYmx5CclP5"
    "kvsCU/mRuIM/OTgT32BBiXNF4sjHPUpylvjKUTyxFDWG4CPfbwleam3V66souRR+3xfPSE"
    "/epNRzBZi9/FU4ALG08bNxb980xNY3DFXSkXsQnvT9v9iBOaPAiUUHNcE16cFlkB/je/Zg"
    "Nv8qd4Dp1s53d/rAI2cRGbN/pyxWT/+ie4cn4COmbK+/w1mU7NV59Y1xTxmooIT53UA+wR"
    "KwOuJ4Q8AtcFHvyD/W3//ATG/PivsrOp8CJV/33saP4Qgylcm+ytXPdSiKcAjtjiw2wcDH"
    "D75t8AT25An9gvXIMWf4Np0yedX3GguOLTAvw3mKA1wY6vqrjxnQkWDMk/CeZI1C121RQ5"
    "/JysfgzRKw/bKthgWA0C/KoGKHpNbYw5WLoJ9ClarojFXvATf9QIO6saiLUM2KQhwGTvyw"
    "Dl6atMPmpXvg3L96SE8gT+78GmfaUa3smyVo7fdiXp3tLRvbLw7gUZkqPoWsnVXsJdVHz1"
    "dofoh363E+cpuhEJE1k6+/j9HzB082xLofJfMxuLbyaY2Lph6di85s/7n8rlFwiHKMBpeU"
    "Bfteu/hMeg0erehckq3sFdaEBCZ4UsAxMhKgfo5AMUPKHxY1k2rj1SXFo40lg4AtCxLfcI"
    "4F1piXtm3Pn37AjgPXGJfArkAzpNFjtTQFCam6S5qRCjKs1NxcNYmpukuenlPwTS3PTyEE"
    "tzU3HMTeGYeUudkYhpLtOSnzdZSiBzWIRxLpxZLN4+Z4Zb7rPQxQNzxmwlbAVT63jLSshL"
    "P8qC4yQakKlR8nSoqSZZZQwY8QmIj7X22ufZNJAe3POHWf8t8nYMes16S6ToYHhDQ+ToqD"
    "cGzW9KTRjan9AIP9T7A/V+yK6soGmpU5tda9Q7DUVk8tD4n5+bXB4mglEpzGI3m037y+lR"
    "b3O93/g+qDTieJOQd8ltL5MuOZNUJl164aRL3rFpB+Q9PHBAUhLB+SaC3Y/PIUUOg6InGO"
    "jiGFoKN84vlFwoZyMqcwsVjJOWrL9k/XMCtmT9cwNxKtY/DRF96XpzOfscvhD/7C/IEElA"
    "hyo2JDHQoqlqbduelIPOQDOTFRv6y/rvSwL4SALYtCe/IS1C8Uk4Em9FLkgiXIZBuLm9TX"
    "EeZq1iz8PiXjhFxErXsiC8Ecgz7Xsgwh/epwD4w/tYfPmtILwrqhMaGVaSjmX3y+cZcF/I"
    "Q6fba/OgBkzoEhrBkIdh74vSGdSATeduQYc8MOqY8x9RSfgTPFgDUvkO/Km8fguuIJ7T9S"
    "twfQ3YL+xDzYaDvderdENwZpfW7bd5ZwSSKa6AoGQyc81waQYxD+Mx/YKSxcz1GEtyTZJr"
    "BUJYkmuSXCsaxEeSa2eljtz6lFGk0bZ0ZQJd5JbJTEUUOfk+mISX7MMkNtVQDTwvoAV0C0"
    "z1KbvGpKlIjfG8QBTx6+x7Zy+j6rudosPjsxVrFMGteZ47U1bP6hUp/kjxk/SPzN8XqppE"
    "j22G7iD/vY10rnmF/qDXfFBqwLF1j/DX4V3/oTuogYU9MVfEGuF+vaX0P3d7Dd4KGsicEf"
    "aHjXCz/dDtsYb6knPQI1x/aNYAXOkjfK+0uzUwRUvCpH/tD5Q2k1ybFlrmg5FYxtbp2j+s"
    "nmyuB/XzsNViXTFBNkydRk9pK50B54x0zLY/zqrkJRdG8XxkK6ypjbxdNfWQ/DRUhtzb1Z"
    "Ee4d6w0xFus27+Ju4lO+zzFitom7xFdEW8PNa/Y89CcJnJjLCRKJ0V4TaNU81tvE/NbYRL"
    "DTWjIoXis5JsJfKRjIQ/tjTJSNwDZBYCZitxOWrgTa5PXb5C66tpRjh9EhLOHTixW1MmC6"
    "B+GQlpGNLtpzYlnlsBCWYYzBWcR/kbxWK5aS+hDEOJKM2YRm4rkY9zQamSlC2RacJ5pgLQ"
    "PpESnoPTHYSTTsK7R+EAeZfJyhmQLKEtu8Jz+naxsa64Tozx4OfJ7ukShnuCN3ITiyWN22"
    "czbs90rJuLg4Y5JCrHOc/jLE3t5z4Y/kYm2YDdCpwGz8KbhaTjwks5LmSxrAdm/O5YdDEa"
    "EPZPypH4wemjUHM9LfzbBZ4C9aN8FAYUYtOpsFGJ8FPw364m+SpYoYYpijUTjF6T2QysbK"
    "otoInAFaFTRE3ub4AJfu3P17QpXWJ+Ao3+N9eIaUaUPTlhv6myPKE/LEQxNLLmeTp7ficZ"
    "2pOzj1Q1wXfBP4t20I0nJEJieTZyH0hLnCXoXRYlLaWmApfEjgpbSchhtBWRaYycdSPTGL"
    "1kGqPfbYityPi42E+sX0QmNQvr1sVzCqw4Z9CM0/dv6Ri4omSFqKVHWSjjrWpBqXxY1srl"
    "cSPDnmTYU4EQluyhDHsqGsQ5Dnsach8J5QnhyHQ5vrvVJELR5u1UtGm4l1B8oGRqs4+3EK"
    "yBsXcuHgPRiaD/xnyijEWlY1HimMwshMGKotdwzr5ocz5PRDnfKVz/xzNCjxEE4xmfc1xK"
    "H1mL9yyflheuxSsAjFRfotH32peQCzx9OhpJBJaSCJQsyqm9gKWiLRXtPO9eUtEuAsJS0Z"
    "aKdtEgzrGi/TOaLAh5jFW1A/erScr2s9Myi7pdZ+osedKnTIkVUoAiDelPTK8lmGcJYQos"
    "cMYaPKI1WMJHZALIWq0MuGY/YPKarKLcd07VbboabRsDj3halBOPdISRSTxkEo+jbXWb9R"
    "U5tDHuTT6ZPA/ogXzGeRIYS77orL5jK7g2CIyYxgl68Fbk8krwy1BGZ1F3C5h8xju9ZGQc"
    "Kj2loTS/8cQxXg8j/NDrNpS+k3OGEg2ZIu1M80un2+PX2MGdHd9zmnJGRDLvjtwA/RFzXt"
    "oIlKGOUxK3qvwySF4oG2q11e188ZqHV08QbW/OHBCaFxKVRHeuie7NPnDASIdlZRRmnkda"
    "EpKSkHz5pfQycYOnY8zqiOraohLBlbl3qkksGdy2OWfZJkk4XZJwekLUjFzi8SqzT6SEWv"
    "NZWAm+qDIg7DYvIbrnKeJKsBVZsCch5eRWRHISGTmJnVPDJT9mf/0/OpJD9g=="
)

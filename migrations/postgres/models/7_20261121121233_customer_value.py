from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "customer_value" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "model" VARCHAR(16) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "lower" DOUBLE PRECISION NOT NULL,
    "upper" DOUBLE PRECISION NOT NULL,
    "horizon_months" INT NOT NULL,
    "p_alive" DOUBLE PRECISION,
    "expected_purchases" DOUBLE PRECISION,
    "expected_lifetime_months" DOUBLE PRECISION,
    "tier" VARCHAR(8) NOT NULL,
    "factors" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "model_version_id" INT REFERENCES "model_version" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL UNIQUE REFERENCES "customer" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_customer_va_organiz_d6339a" ON "customer_value" ("organization_id", "value", "customer_id");
COMMENT ON COLUMN "customer_value"."model" IS 'BGNBD: bgnbd\nPARETO_NBD: pareto_nbd\nMBGNBD: mbgnbd\nSBG: sbg\nML: ml\nBLEND: blend\nFLAT: flat';
COMMENT ON COLUMN "customer_value"."tier" IS 'HIGH: high\nMEDIUM: medium\nLOW: low';
COMMENT ON TABLE "customer_value" IS 'A customer''s current predicted lifetime value (one row per customer).';
        CREATE TABLE IF NOT EXISTS "segment_snapshot" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "taken_on" DATE NOT NULL,
    "segment" VARCHAR(32) NOT NULL,
    "recency" SMALLINT NOT NULL,
    "frequency" SMALLINT NOT NULL,
    "monetary" SMALLINT NOT NULL,
    "revenue" DOUBLE PRECISION NOT NULL,
    "tier" VARCHAR(8),
    "cluster" SMALLINT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_segment_sna_custome_fc7514" UNIQUE ("customer_id", "taken_on")
);
CREATE INDEX IF NOT EXISTS "idx_segment_sna_organiz_947cde" ON "segment_snapshot" ("organization_id", "taken_on", "segment");
COMMENT ON COLUMN "segment_snapshot"."tier" IS 'HIGH: high\nMEDIUM: medium\nLOW: low';
COMMENT ON TABLE "segment_snapshot" IS 'A customer''s RFM scores, named segment, value tier and behavioural cluster on one';
        COMMENT ON COLUMN "job"."kind" IS 'IMPORT_CSV: import_csv\nSYNC_SOURCE: sync_source\nPROCESS_WEBHOOK: process_webhook\nTRAIN_CHURN_MODEL: train_churn_model\nSCORE_CUSTOMERS: score_customers\nEVALUATE_CHURN_TABLE: evaluate_churn_table\nFIT_CLV_MODELS: fit_clv_models\nUPDATE_SEGMENTS: update_segments';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        COMMENT ON COLUMN "job"."kind" IS 'IMPORT_CSV: import_csv\nSYNC_SOURCE: sync_source\nPROCESS_WEBHOOK: process_webhook\nTRAIN_CHURN_MODEL: train_churn_model\nSCORE_CUSTOMERS: score_customers\nEVALUATE_CHURN_TABLE: evaluate_churn_table';
        DROP TABLE IF EXISTS "customer_value";
        DROP TABLE IF EXISTS "segment_snapshot";"""


MODELS_STATE = (
    "eJztfWuT2zaW9l9BqWor7S251267HY+871ZJatpWokuPLk6yoxQFUZDENAUyBNkdZTb//Q"
    "XAi0iKZJO6Ncngw0zaJA5IPQcEcJ5zwb9rG32BNHLdNNQf0bbWAP+uYbhB9I/InTqoQcPY"
    "XWcXLDjXeFNoqPKD22hOLBMqFr28hBpB9NICEcVUDUvVMWvcxKB53wG0/TUYYG0LIBh9bb"
    "6+uf0A1pCsgb4E1hoBghQTWUAlgFi6iRafwMww0VL9Y8ausRaPKlHpCwADmtY1e/ZCV+jD"
    "Vbw672NsrP5uI9nSV4jeN+nD/vUrvaziBfoDEe+fxoO8VJG2CGGqLlgH/LpsbQ1+rYOtz7"
    "wh+wVzWdE1e4N3jY2ttdax31rFFru6QhiZ0EKse8u0GczY1jRXIR7yzpvumjivGJBZoCW0"
    "NaYsJu28wO5aTZb7g7E8ksayXNtTpCcRAN29pOiYDQL6qoT/+hV7hdc3b99///7juw/vP9"
    "Im/DX9K9//5Tx6B4wjyOHpj2t/8fvQgk4LjvEOVP7fPVjba2jG4+q1jyBLXzmKrIdjGrTe"
    "hR22u3F/CXA38A9ZQ3hlrRmib96kQPmtOWx/bQ6vaKtX7JE6/VCdD7jv3rpx7jG8d/g630"
    "MehHcSp8H4ZYdvCOG3HzIA/PZDIr7sVhheZwaS2aSUB+OIWAUH84f3GaD+8D4RanYrDLWp"
    "awkzhYTtDce5Q18IYgXt4e3JFhno2reO9JM0bNA1Cz0hc4qb/Wb3l9G4ASCG2pZYUzy4l4"
    "bN8YC20Q32xjprddfr9GmbxUbF0XX0Zb4JOrQZmDK09tV1R+9Y6gbFfxZhyYiyFq7otfdH"
    "cVSX/RuhP3DBNjTuNJgC/bjTk0bjZu+ePW5DyO8ax685ltidG351G7l6FVWT3wn4qTP+Ct"
    "g/wf8O+hKHVyfWyuRP3LUb/2+NvRO0LV3G+pMMF4EZ27vqoRbSugaJJdvkIL1HZU+gefeV"
    "i6L4kijawyRV0yZ61B8O0nNYUmi5yFrWzRXE6p+QYSDnMn1iJJ+3g8oweZ/AFGLG5fIh1h"
    "IKwraP9mdq36orTK35vZ1OBFzX9B9EuisZ2H95o8q7uvvaTfjkW+dxg43+QRFAlrM/bI7a"
    "zTupxpGfQ+XhCZoLOaQCdke/0SNX/Lb7tzY3m+gVukVbcZDYr2Hv7mqhrWPLIVT2uBnvVj"
    "2NnFECjZ4nZwDdFRIdA2gBCBSbWPoGmeBqBDVElrqpIOA+9FUM5ZJTOIZI+dfeGCa6bTqD"
    "FP1hIZPuY5mOfo0wLv+u7dCseU/mDbkgNUgJoR36aLtAugPHG/fuU0zI/8HnskC3MeMEba"
    "CqHfUMQRVdkiraDaZDTMCddKGNwNF42LmXGoBhbaAp/jppje4H1Ahc23Ni6NQIHDW70ujz"
    "YNhmrfyPc4o7vfvBkDZUN4Zu0nbN+w41Cw11iu+k3qABFmijU2lqUUo9KkkNSrQphsEYnB"
    "titRv/3UTEiqzWQ/mqTIzg2xRG8O0+I+hMe3lw9gQOQrhgW/QI5Xp7m4Vyvb1NplzZvTDA"
    "xae0a7XyoivYpef2zJUwP4PbwOxbqYjUQWZn0Sask+yqhF0v7PpCgH1yuz5u0jgBzO1AV+"
    "WaMLIiHJkrC8WaeODH0SYBxaTwJsFWzxIn4zUCUFF0G1sNoGMEqC7pqy6AiRTdXNB7pk4I"
    "GHGbrA6+2vMRNcXqIMCNQLxwLS+yz62cof9M9ItvIZloyYiOGIKGP9LlWvZvu0Zn4v2d/f"
    "ksrxPzQdNvcMU/wbNTPRx6c3uRZ1EA6OC70MMMDeKLPIig1QY5y/vZn7UxzcuMipBBcPbH"
    "eXZeCYjN55+x0OlDsGBPC7ULrYtAuxfjJQStdmaA3RknB8I7CQFxJoiDW5esIAdlqgfzWR"
    "j4wG40K8oBkeqBfJNlJCeP471AUbSKpVqS0d1JVA/cs4xgz+zIHFPuthfwZpsgbNNEWMk3"
    "QwRkLuhJmozuLuNMepcB5neJIL+LQuzamGF0ezp2CcI9eN32Ua8RUtQN1K7vnP+eC+U3Z0"
    "I4BdI7qd3pNbtXb9/XnamX/K6pDjnYn/SkYaft3orkQ3iUzkEhGp7wBcevhuAi5wCudaXm"
    "XQMwySnu/bPbAJvftSkesb8I+2twzyIxJv3O+BcWqc9IO/pS1naK25PReNBjQf4eQTnF0s"
    "/3zf6oM+g3ALWkIWaGNG056I+HzfaYX2dRYIzB5HeaY3nYGf3YANCSTZU80LZfJ8O+RF9J"
    "WdsmRvSthhIT/dYcs6smYqKPHLlDZjiRICBcuIe4cJeqSSyZIIQP0PSesIgWL7KubWNx4C"
    "cdlqzgJ13SnJ8YtbtvHxO4x/xLOfaqUTlhFmQyC3bOuhxYh4QE0JmADrg9cyAdlhJQZxvT"
    "IQ9ynnEdFRSAZwN858jNDPVOpHogv8vCPr5Lph/f7dnAIsJORNi9vFlxicy5oEuDp4aRff"
    "hbruTnH4dI8zFNCLrbZbuVa0pJwjw0L2gqfjgWIJc16tKuKjQ0I07IR11V0JFIdZxeqgoS"
    "Ix+PRKjrMp8V/NLoHUxUi0ckHYeRukTKlq75Y7/Hqo6oHU+tHvvtDXaUd1XRMuCWbYmPBO"
    "re6aWqIDHvhKysIV4dO6KGtKc276jSWBFFN08B1Yj1U1WkXGtUJhgaZK0f+w2OnO5Gbm+V"
    "Rc2e+50fi1igq6rCZanKAzp6aNl8IRzzviqLFNsZOb7pI+Ea73qqKlg2gSsko8fjtw4T1p"
    "P0WLHdQ66ksvDimQznAKOxTv8vu3k9dPuroGn0CDU7JkDncKy+eR1WBKwDUxU5I5OSrugx"
    "Ns+nLMqa1/TZvEWqKGCY+qO6QKaXYAiunDRCP8LIzycEir4xIN6G8wodqVeAbjx17XE/RO"
    "gsD5liS+eJkDt5luC41p+AaoEnSMAGWsoaLUpRakokMl0ykUmUgRJloEQZqKP9wO4EK89z"
    "RZmHpaqItYh2FRGQ5SpYVDStiopFZUBYxFO8VDzFy1csKivEJShZxKmjFB7Ao5Yy8AAeq5"
    "WtfpGT/2cB7kNiB2QFizirFgEaHQ/EAjPfQTR7Vec2uEmtboO28ps/qdYawD0i4CxPmWJN"
    "fUQg6J5gFajZ2V1uV+xR9A0+8Wt8gAKCzEdEwAxa3DHo9khmwKDKSayPlEYFxK0Upj6Hc1"
    "VzvdiCLCjqSlZPIQsiSoxMsZoOE/CNyEWAXjLB8s6zsfmeg0mrK4H7odTusGTE8Aab3+Qs"
    "m58FOpSa3chGTUOPKKEEyvPEjC9cZKOy1h381ACa/jTFPemuM+k1wAYtVHszxV87X742wF"
    "pdrae4PeyMO+1mtwGorKUqTmbwy5uifNY+xBINCQpDtNCGKN9SyI90PcxtL8WJCoNJmKQv"
    "gDCfcWKhbamrRHSDUlWC9R83N+/efX/z5t2Hj7fvv//+9uMbH9/9W2lAtzpfGNahyWkf/A"
    "JxWaXfnQqepQg8S2hlOwHWPfafb7vuKop13IbgebCJF356JMhVDGWNIhxcsY7ns7IQi16I"
    "zwVoxRedvM9HKp6EKHTiplKYQj+wKgNV6Ed1ZTkkzpP6jvh0nkGtO1WhigWauuRGHOBdgq"
    "s46i729LgT9DrFUzzjLWZAJWChEh42ROXb3W9Ap9MQmK11U/2T6mijY2tNaDvMecHgouC/"
    "gbKt+yzjP978B21rIZP2D/41oyY8Mmd1MLMN+g6zX6/BzJAhoyJnPBJphv4wEHt12bBNZQ"
    "0Jos9Cf6jEAkvdpI9bsNJNc3tLp0Zw5bUBjo5e1QPy3k/335jJu3TnnEuT1hf222dLqjfd"
    "JDP2HS8RtGyTqo9+W4gObnVj0Lt//QqunL/Y7979yKWpbzgMva7zColH9OXkQP1xJdjPou"
    "4v6ynsJx8LhxJyvnChCbnWl37rrgHmKzxfTPF9cyiNBzK/ZEATMZqEXe+5zTZuu1HrSwOQ"
    "+YreYeXbtCludaU+60dDmN7/3G2O6QtqDuH18sRdQtRuCoHtSwjqOhN1zdaDXAD7EgLgLA"
    "DzdTYXwL6EADgLwOGNUY7FdF+wSszZyQhJd3uYz4u4kzlwEBcza+JcY3h/050L7nhxgXwe"
    "5CPmymH4x3QitJBBC5Yat0Zm2657soXerQed5FEHuudaP2TH/THDhvtj4n77Y3S77Vri+6"
    "r4YTTox4/9gEjUP65Sc/3/gKaSsy2jtf9e2pgnzoK5rWqWisk1e97/1C7/HTCIQq5yD+er"
    "XvPnqAra3UEr6gNnHbT2TszYGPaBQfRhURG8IIIXyrXmiNiFsiEs3OfCfV5Yh2MZ3ecFm5"
    "FP7z0XPt5K+XjvTHVpDRFLwK7FeHiDt+tp/t0Fayibu5bPenfvdcN2KncAqnQngN1NmmC+"
    "VtetCObIekIIA+i4C78jgMNHoWZuWcJdoDpGe27e03Y/xW5uBzBtnvUxC2zWZ5/AbKnBFQ"
    "V4Bp7WtLcZM/kMojJHrILQgnCXp7Wm28+1rqWUitibvYI2Qd5Dq0OydeEJLc5WoZ7iCRUG"
    "5N/EgGTzS47vx2t+OTvmXGe5ndzfQdQ8/JfbvBjcF3tsZbgvd9XLxcQHZIT3NAvzzgBzdy"
    "/xBHwyzgGxC55beK7RHebVP7zPQKx/eJ/IrLNbEWrd2dLtg9zSdQ1BnMCu76QiGM+p2LlA"
    "9q9cdjy3BoNuaBZpdSIZG/1JryUNr95GDubcn8T9zXGu2SMkJeaPTPNHAXjrokEuiOsyIC"
    "wIVkGwlhbr8zCspyMCO7wIY4sVzavFEIHB2/U0ItAp5ijP/ZbPp3lgYBt0rV6gRZ1lXaj8"
    "lFXQHn0DT1C1GOlm6WDOcjFMADV2Run2FXgyVctC1JLaAojdEpLgN30ek/Bx+v6fT1cQnN"
    "klObMH+rPyGENe+yJHIB1oB53+kMClSjuHm1zWZlCmcqbmze1tBoxpq0SQ+b0wyoVnAws/"
    "PYSP+Is9OLSlYmhuk8hzXyhquG8tJz63ZLCmGe4uo+cb7nRotjr95vAXn//z7cruoP+lFc"
    "MAtn4ZS80I8nRfoKkH+S7CkidwXRTTE18Jz4WoE5w8lbHt4wBr25p/okUZ1O5+LKlaF6TG"
    "udctal7kA3YnIGLwBEV0wHJ0iaOX0+LC6ADe10XOkLAfnD5KNdazwr/7wM8dCEbnGLQyof"
    "tD9vmfwO16Kv8TaZiF/omWxNAxRo6f3D17xzvU5xq0TbSgu3SV9gWgiQDCirk1GJ8DLXZm"
    "j8UituIooFM/Y0rlWZkPDcFHxMO7FvqGahJocIvMT2BGh62FZoA5p4hbEJjuftgBjlADT/"
    "SeuYHmQ2IJ4MRjg6JRYIJpuiTTJI70qeiRPnNIkGybCTVI4j+aoEzlWK7bTEf53KYc5XO7"
    "f5QPQXQOtIjsT6n7cI/RH0klM+OEK4B7mo0o/TwOmYd7YVohmsZrHo3dilOCzP6ZK3E0Kl"
    "eMCLpKZY8izODJG3MUkLpgzJG3rJc25Iiw88FsLZdjIyhTgannAqe38X1wrmnGEyjG/FKp"
    "CF0D2gQtZJtaNzE7nXTuNiorOPoic/RcW7KJIImju5InuKhc5Sa5s+xrNUgs2VsbDnGMxH"
    "YgvrAif2HCC5b8xVXXC2YbiwO1HpYUWi+K1mM+dvfthe9TeOsKAfaLeutO6WN61FUF1WL9"
    "S86terpvadfoOb9SMrbZnC2c+uY1xNOy7iPVGlRCbH+GP7L+OJt+Ak+KUe3uaSK7v0jTWj"
    "3FfwQ37JyAfWB7OkYJgYk7keieASnqBmrXd85/yzuvxaa6Se1Or9m9evu+fhNh8vqTnjTs"
    "tN1b0YJWzkkDeUzeoMwFzd3J6O4yFu+7LBHhyQHhcYSeHeM4yOgC9aUL7QK9GzY/jxtgYc"
    "KlNcWDe6nfALqBMCvc3+El+1VWfL/Z6Up37JEqtdqn+NuA3aOLFP170m8Pul2pPe60ulID"
    "2JhioLGQg7m2V63mZVyeodUqjyUTEqygIVNewyWOB1QPUXFATLBQRdbvbqOaY8ULCR00Dx"
    "dMoxfwYxWoVOZLgy2y5UuGsHuIl5Ef4RhJUalYsFfFKUeQXFk0N8zH1BYtCcSZqosmzRwn"
    "gHgU6a5cs0ZWlGMmzbw0bHADv2VB4zEGd8uV/PzjEGn+5BAP/L3TS3Uw/+ucRDVLKYkhqd"
    "1Mk2SC2k1neT7p4c42mQwwkaKbC6AvAXvxlanbeAGedPPhE08ZoBqwEdCxtgUKNE0VEaBa"
    "9H+L/SoXJ+nx+GM4w67t01LgO+pojaBpzemTBPldtF1RPYX8Ti7T8TxvWIaSHTUn/UFuj7"
    "55KRCyQh5ZwkO/LY8GEydfYosV2ckEmeL74aAtjUbyT1Lr62DwY4OlISl0JMtPaL7W9Ycp"
    "Hg+bnb7c/joZ9uXe4E7qNpwS1bKytk12Fh6dhegT2oOhJLcno/GgJw1H9Cn8tG5vvSdTLH"
    "1rdifNseR2NW5yWhKx0zcpcG5vfCab4s8d+iO635zn0c6WKv0h2qPzMNrX5J5xHxSGLz2p"
    "P6YNnNgGmaCVv1a9fOGS8hHVNT49exNM5mH3z4k0YTS0Iz3Fw0m/3+l/abBi5ayUOR0ek3"
    "Zbku5YI2IrrCQ52qOvi0FK0/HP6LF8x7kFhS5ZBfLN9blqJKd5xk5RBJKCRbc+eTjDgIiI"
    "Cc0SE2pAE25yJdjsJEToe4h/P0XoO73F3j+HOnYSR6mjmAbV5VKaTFOPYWeS0/x8gSo4Ji"
    "6d2wctC22MOLYg0XoJiojDBfZqiYko74rF+2aJ8qabf/MwrYclhe+8yL7zEI2UU89RWaHp"
    "Imt6qWKVrA/6oCOiQs9F1rMIJRCe7pf/lAqXpxHwa0TKs8d7FL0KbM/7FSN14Us58+37Fk"
    "NbQUbXm3bM6M6P1oj2NbQr5Pn+K6djtUsthlqMZ5Vfr6e5VjWvxfMF5dgBn0RnJd8AOxER"
    "YnbwJ/d+Lm2MkQbmaEknJl7v/2mtaugVvUJbspMAIPBcJjEHCZyw40xJSG65Ldlxo8YkKf"
    "mVt55NVLqwqzbmcTt/yvkf5ZdZO+2jgtEzwutcpB1KPcXrnPfsAnFuQZ5zC9AGxpWSSYbX"
    "F6gCvXsBgNMqTiZQUKWoMlmk2P4SRgqwZLSc00YtmMb202D4I48RYLFhPEagPeh/k4ZjFh"
    "BANfCIGI05xXed0T8nzW7nc4fdWKjkdxtqKoWpIPEC0KLPn9tWvlKGYSnhbT2510+4TQ5R"
    "Ren4Nn+iOOi0+rCsYFaLrOmALZpjKxKWqt6O7zy7kZBZn2fjFxUUgBc8tbNoWIvMzhIgLN"
    "wxf9/Ew4JNGCfNOzyRsyuvS0JdImVLl4mxCTFRkw7AiWtWT3VYeAKyFZZ41oExwAgQCxks"
    "iWvnNviOgN9028RoWwdPqrUGT2tkIqBaQKFvCpamvmHn0tDL233XxWm6zJkeFlH6kalaz9"
    "P+IhesYAtVPYWVZ4NLphNjUhLC87RbuIcCb3VrXal512AnRS2muPfPbgNsfmcpW+wvwv4a"
    "3LO0sUm/M/6F0XPMo05fydpOsZfQ1fC/2SmWfr5v9lniRwPQoc6mFh1z9m48bLbH/Do7y5"
    "bNMfxOcywPO6MfGwBasqmSB9qWZYBxno8lffGMIYmJfmty9s9ETPQRWkXh+KhZetRICcoX"
    "mRIXA+VoMjgvCSVYxhJwT+LQtYoeupb/eApxMEW+JERRtUxwW2VCWHBbf19uq6wQF5jc6r"
    "H/NE1LXTqM0x6tFW5QTyO0+CUZBts+S2WN1wjMtxYiDvHEuwCPyGSmSINXHmLvswAG7ZaA"
    "K3S9ugbTmqJBQliMiTmlj5nWiG0+UjNDm9Ze0ZbKw765cbYHTbGK+fHQf6oGgKayVh8ReF"
    "rrBIHR1+brm9sPQCVgxmH85jzu2oNIJmtIG8wycmeCf7ok/8QsXxRXib+lYmgmlOIPCEUP"
    "2ty6sUTlnOPiMGy5oT6+hUj3ma1Ovzn8JT5BvRUTGtT6ZSw1o+5t9c8YWy65AqnbXGyRRH"
    "Z6Lqirm50uTI9zf1fOXsfdP+SDOE70NBiXfj0Wxl0Z8kgTvoJ9rXh5jxl1Etwjl274Z9VI"
    "3NefQSXHG3kesEk2XgD450y8gMKzBStwRKhx5Vhd3ACbsXqds52hxfxH1Kqq03ffzJHJLD"
    "FkguD45ZEGTCo+euHEz5jiKZ5tEH2EQmZgrWsLnse5poC/1m0LLNWVbTrWJLvuPJVJ0wvM"
    "mpxDgjT6QuDKvUhbTbFnP7rtlyxRlL0VfaeZw1zPWDAFi7B4goTlkbL/YN1iZT83Ov0WwH"
    "8B36eWPVHUK47qaS5vKqgn72ayiCiKIq2a9RQrNrmibjyuZaiie6D75PT1YxMXvsRhG5AQ"
    "2+q4c0jKl2en0PldZWZwTicgXej7dx1mLTaA38cU8+gJeolP8ojFU4w7QyeWwlLNosRRiN"
    "KlhUqmWyI68M18GY5BmWKohD2vMipxt455NBIQKYZCKvWNKFBT52YCf5CslIhYMRRTqS/F"
    "nYhkJzrJW9hzTmMR6WKoqVLfzxP99fqTzMuX5vUlRGUr6E0oifcgUzilqy4UZzpmUjSKNS"
    "KFmoulZoXeXC5zbVECIsWYYiu1Eq51U/2TkcFwm6c+e1RMMAsxzIIfc6PpSsImMJkVixUW"
    "8cVZ4osjsU4Hob4TrSAt+eF9BtA/vE/EnN0SMR8i5sP3Ch2g96isqLRT5H2bywQfoOewpN"
    "BysbUcn/qUfC5SpVKf0lR5jnORRMicCOh6+ZnrEgFdMbl/LJn7yPPDvTSeIe2qQvjH50qy"
    "M3HjvG2HAPaN9VXapTYdsIWpLi3ZRIyaPxKuO9bVkPdU1eHFvkJZWUO8OnZssY+wzTuqNF"
    "b8COsTQDVi/VQJqVwZg/tcTTKi2U8y2csbrMj0ljP0drCrwVKLibwN3q6nBd7qkYbPhd0m"
    "/9BM8aKRg0PizhYJnj2SM5pU0XSCZC9m6hIHi6zEYR8iIJZDUvzDPi7GPJ/lNAq40e24rN"
    "mejlFC0uxOJMpIIUXdQO36zvlvCQFPwfdOand6ze7V2/d1J+aY/K6pjhHXn/SkYaft3orW"
    "azFNhJVtnjEclLkgNTQZ3V3GcfUuS2B3clx3zGEfh5eSK0cdufvhYHQvtcf8gA/D1ImBFI"
    "sf8uGe5dFuOvXf3MM8HK/nFFO5+8Go2eVChk63CVPcl74Mxh23PUYr3VLd1u3uYCTdyT/x"
    "QnJszV/IT4Hr9P/H/g36/3wKKEBss6nP4VzV3K1WhJfSdJiwAkfkIvpfMsHijICTzGCDSa"
    "srgfshnclYFcEwh85vhue1odTsRoP/qOWlQGLJdITRoWMmzGsZin3GdVTsb7BzL3U7fYl+"
    "S6rBc8WmuCWNxnK7OaIX54j/GIJYRcZer8M+FX2zUS3v+/E+nSke0Lu83qJObxem1mJ4l7"
    "/vpkpYq0JSaS6q4qjyJB9TcyxFAFSJ7Gg4xh7XdQ1BnGAKBOWiZUio4LmA869cuAzJYNAN"
    "uYNanai/Z9JrSXT0RrZZ+0FCFLmnOG/Ec3A/xTIhAus0rEWUyiEKKJ0bW5xVk7LmnuOsGn"
    "EO09/gWKCizViidmoZEBbRGC8VjSFqp75Q7dQIq3ca93rAazdivVbP1Z7LgXy4SzSIXrp3"
    "NIJzJkepHFR5Jq9pjT8GrFU65swtLyKEg8dogKuRvysFgbf76gi82q9MdIoOD/HYpnpkAx"
    "CJg5EKuVLXUzyYf6eDkYSfQhx6JAaBONBIsGaCNTsrlbO/J8rKN+wJCrpBEDqC0CkW2Gcl"
    "dCKxucciHe6tqkDvTZtFOhUnNNrjiInI15BCR0RbPktBNIGFMMTWNZAeEeMMmM0PTP0JGD"
    "pDGUCLnTezTzXkERSHzRTLphdRybuo5Ezbu5uU7d3N/vaOaPYq1zbabX8afF926IbQ/ZgF"
    "3I/J2H7cd4KKOI5E6KtVbWRvt5nF7QINVX5AcfWs8nhcmoZKd1AlHALZ8op1bNE9wbEJxU"
    "4vlQXJdQSeKO266jDJmopPldPfpV1VHi9RA6H4NRBKiZgogpAHLaeO85E4dXgnLWgp68ri"
    "hC20cuqSHwvWrqfqgvWoq8qxs1XH6aWqIP2mz48E6Ad9XlVwNGrJHYlOl3ZRVXjoHUzUE0"
    "xGXXWJlC21Z8d+j1XFLHxc+pG45S23UmLE3DO0TgHYEYdNlgGvnZNFPWHIa/XR2oow4fzw"
    "GXC7QfjYeeze6aWqIIkSb6LE2+mRImjFPhqZYGiQtX7sNzhyuhu5vVUWNXvud34sYoGuqg"
    "qXpSoP6OihZfM1ccz7qipSZIsV2bSPHlS0m6Fd3fHEDDyonODrG+96qipYNmGZTOjx+A3W"
    "hPUkPVZ4j/WE5mtdfzgJWj85fVUOr3MGz3lb+Ji4ucDuPjlkzgg0yhAt5zYH0LLQxrDAFQ"
    "QjioqBAN1nmyv06hOVVTW0YMFvBCwR/ctas7u2iYF3Cm5cON0Je86Wwsc7fzZ9L5IRK3L3"
    "ShTnJ6pjZszYEdUxjxnFZ66Oadkxy2rm8piudJFDV2ujSbstSXesph6xFYXO7KzO3r3Uv3"
    "OSEBFe8ATEz81OlzVy1oHoGpJFO6dPCWTvwk5EVujSmuc7iMqJzLFMmWMiA7OaGZj+ZizH"
    "JxQSKvIEV6QPSFTROlfSpRv2kg/YsNBBuBZtERC5rCVAWOSyFiGXVRQnywNxpuJkMTPyCd"
    "DNHoxYsNk4K7bhdahI2cEB13sMxxl2zCfTnIFQgKxUpzfcviNAQ49IA474og50E6gWAYEj"
    "CMBGf0QL+v8mAhZtFsNvHtPdFM9GyGJVeMh14JcwJVlwVgdzZD0hhIH1pAPmw2cNwdWMV5"
    "76zxlHlP5Q1SSWdzux1lkaFxozxx3Jh6Yc8nR857nI1pa6+rvwrf+4uXn37vubN+8+fLx9"
    "//33tx/f+DuI/VtpW4lW5wvbTYSMj4wV1fgncCitFe6hwMxJrTv4qQE0/WmKe9JdZ9JrgA"
    "1aqPZmir92vnxtgLW6Wk9xe9gZd9qsdBaVtVTFoZdfntuiBvtRegrKF9k+L7ma+Odw6Dk6"
    "ccIHHqZTzK1PrL/jBGfp0MF9KOb7ouL4oiyQC/K3kuSvoCTPxZ2FUjjywRsnKjAW/KTgJ4"
    "sFtuAnCwNxbn4yNMeeAOOKZtlFcY5bmorGWDoZMAmEpZ8e8wxfSfx2z9KVA4w8ao+de6DT"
    "f3rDEcy3/N/8KcCFjZUnnPH+WUWwGbhioZTrxIMVTtv9lBGaLHVWN8mswaM4Ld0A7De/po"
    "on7CleQCed+d0/64AOXETHjboxqOxfv4Ir5y+gYmq8r17riwV59Yl2bSJ2difCC6dgA32E"
    "ocHtXNcfgBsCD/5Ff9uvn8CMbf9lujflUaTyf84cyx9isIBbQt/KDS+FeAHglH58mOpBA7"
    "dv/gOwkhDmI/0Hs6D5byC2+aiyKw4UV2xYgP8H5mirYydWld/4joA1RfJPHTMkmha9Snit"
    "SKd6JEX0ysO2DnwM62GAXzWAiV6bNsYMLJUAdYE2hm7RF/zEHjXFzlcN+LcM6KDRAaHvSw"
    "FlZdII09pVYMIKPCnlGIzgeuC3r9WjM1n6eRj7C9GuK0H3Vo7uFQc8X5AhOYquFVztJcJF"
    "+aq3r6IfRoN+UqSoLxIlslS6+P0f0FRytk+h9t9LG/M1E8xtVbNUTK7Z8/6ndvkPhEEU4r"
    "Q8oK96zZ+jOmh3B60oWcU6aEUUEtkr5FFMjKhQ0MkVFN6hsW1ZPq49Vlx4OLJ4OELQ0Sn3"
    "COBdaYF7btzZenYE8J64QD4D8iGbJo+fKSQo3E3C3VQKrQp3U/kwFu4m4W56+YVAuJteHm"
    "LhbiqPuymaM2/JSz1mmIvy9+ctlhKttRbjn4spx5bspYuWgsvmqwvlAgw/9xzXC6kD9ioL"
    "4HZaB7zmP7BUZHL/0xyt4aOq28wBpWi0B3pdx8xxtOeuO/kTpozkQuBqZsEHhGUdz15xN5"
    "N/1joVpQPJ6xlsVLfG+TUYBBxbvs+QPY31mM3V5D00t2PJF6z7uhIupuq5mIJq3rfaE1iS"
    "gEyawV7eqTWWJKEGeJTzcL+LPexSEu93IkV2FWUfxeEKLjdZSrjcJNdw2auTYyIlvkzOaA"
    "M1LXGSCIhVyVB7d/P9B396YP9ImxBGvWa3u28FL01Ef9IBmIYEBapR/gYjC5q5QQ3KCUyj"
    "3/4jwnZcDnIygx+QEWEP2TwmcaRBxiQ1V7bIaYTByIZo1IMXDxE1ArIsdR8zrHQfk08n3a"
    "st49gMeaePgFiFCqCcYvIQrgpBo5cJYUGjCxq9bBBnotFfJpEgdNBBHFcZOQghhaiMtnyO"
    "pEyG+YzFleloNK3jA8EjRUXiAs6duqgXowL/Ljzg2So5GxqMWTWSGSqvfQXpqbNUhfxblB"
    "keDzvNLq8oTPGGGi8p3GyPO9+kBs8LekRTfN8cjeW7Cb1iQGLJC5teazf7bYkXHlbYzy9M"
    "6WGCYNyJC4mTjd/+cvvVt4WebwILqhmzW0opE++2FzXinUEqasTn8zBkcTDkqhHvbZv2QH"
    "4mbDUkKeJWix236i4+B+g5InoCRReMc6uSnne2U44pMyRUYCq7SJtewa4KdrVMCAt2VbCr"
    "ZYP4SHZ1r5b3kScMVq6O93nDZUPnx8YS0JEDZtMYaN5UtnZtT8pB56CZdYOq/rLlRgQBfC"
    "QBTOz5b0jJF6W4E7kgiXAZBuHm9jbDfpi2StwP83vRiraGquRB2BcoMu17IMIf3mcA+MP7"
    "RHzZrTC8hqnqZmwVnGwse1C+yIAHKrT0B8Meq8GCdXMDtXCFlsnwi9QfN4BtrtxY4iIw6p"
    "jxH3HR0CnheiGpYgfs1V6/BVcQr8ztK3B9Deg/6EJN1UHf61U2FZw5km+3Nu9pIJ3iCgkK"
    "JrPQDJei6eQwHjMoKFjMQutYkGuCXCsRwoJcE+Ra2SAucujiFitDOz5q0b1VT6WLaCPZtL"
    "MFKzrliamEV5uY6LapoAZ4WkMLqBZYqAt6jUo7mcdPa2Qidp2ud/YGkYR6x0d2ePzhaoqJ"
    "4M49z4Ip62eNiuQ/kv8l4iOLt0LV0+gxX3UHxe/50oXmFUbjYedeagDH1z3FXyet0f1g3A"
    "Bre04M3ZriUbMrjT4Phm3WCmqILHX6w6a407sfDGlDdcM46Clu3ncaABrqFN9JvUEDLNBG"
    "p9K/jMZSj0puiYU2xWAk2NR4qFo92UIr9fOk26VdUUGqpn57KPWk/phxRiqm0x9jVYpSur"
    "d8MbI12tRG3qyaWSX/nEgTFu3qSE/xcNLv87BZt9w8i5KdjFgLA9qEtRhN2m1JumOXiK0o"
    "CC3Y1c/NDo+aXUK1ODGzFl1TN7ncCL5E5bwIt1mCam6TY2puY0JqTBJX2Ci5iPJOohi1k9"
    "ljK1M72d1A5iFgdhKXowbeFHrXtYPTNhY54QxICDj34MTuEdh5AA3KCEj36qL4S21GPHcC"
    "AswomAZcxcUbJWLptxdQRqFEppnz1IudRDH2BZU6U2GDCKGDNc82OCBSwX1wto1w2k54fy"
    "scIu9yeTlDkhX0ZdfYEWQDrG1rbhBjMvhF8nu6hOEzyRuFycUSzu2zObeXKlbJ+iA1R0SF"
    "nousZ+FqP/fG8Dd9ng/YncBp8Cy9W0gELrxU4EIez3poxO/rYoDRWKf/l1ETPzh9lGqsZ4"
    "V/94FnQP2oGIWxCTFxDgSuxcQpBG/X02IVrEjDDAXgdYxe68slMGxTWUOCwJVuLpBJWLwB"
    "1vHrYL0mv2o6+QTao2+uE5PEnNJ8wn4zVXlCf1jIxFDLW+fp7PWdRGpPwRapekrsQnAU7a"
    "GbTEhExIrs5D6QljhL0nt+i6WyNESVLBW40e24tJWUGkY7EVHGyPluRBmjlyxj9LsNsRWb"
    "H5e4xAZFRFGzqG1dvqDAmrMHzTl8/5aBgYapG8i01DgPZbJXLSxVDM9atSJuRNqTSHsqEc"
    "KCPRRpT2WDuMBpTxMWIyE9IhxbLidwt55GKNqsnYz8hs8SivemvrDp4s0FG2Dm7YtngHfC"
    "6b8ZGygzAC0wg9YMXOlLC2FgmOg1XNEVbcXGCT+kcQG3//WE0EMMwXjG5xxX0ueShJ8415"
    "Hdu8i5jgzAWPMlHn2vfQW5wNOXoxFEYCWJQMGinDoKWBjawtAu8uwlDO0yICwMbWFolw3i"
    "AhvaP6H5WtcfEk3t0P16mrH95LTMY243qTmrP6oLasRyKcBO6lYfqV2rY1YlhBqwwNE1eE"
    "BbsIEPiABIWxka3NI/sP5aN+LCd07VbbYz2nwHD39aXBCPCIQRRTxEEY+jfXX+9xWr2oTw"
    "poBMkRV6IJ9xngLGgi86a+yYAbeaDmOGcYodvBO5vBH8MpTRWczdEhaf8XYvORmH2lBqS5"
    "1vrHCM18MU3w8HbWnk1JwxdQURXnam86U/GLJrdONOt+8FLTnDM5n3NTdGfyTsl3yBKpzj"
    "lMatSj+P0z8Un1rtDvpfvObRryeMtjdmDkjNi4gKorvQRLc/Dxyg6aisyMIssqYFISkIyZ"
    "f/lF4mb/B0jFkTmaqyrsVwZe6dehpLBndtznlskyCcLkk4PSKTxH7iySZzQKSCVvNZWAn2"
    "UeVA2G1eQXTPc4irjq3YA3tSSk7uRAQnkZOT2Ns1XHIx++v/A4WZaDs="
)

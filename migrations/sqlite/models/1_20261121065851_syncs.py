from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "contact" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(16) NOT NULL /* STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system */,
    "external_id" VARCHAR(100) NOT NULL,
    "email" VARCHAR(255),
    "name" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "customer_id" INT REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_organiz_2f4ac8" UNIQUE ("organization_id", "source", "external_id")
) /* A person at a customer (Salesforce Contact). */;
CREATE INDEX IF NOT EXISTS "idx_contact_custome_5ee430" ON "contact" ("customer_id");
CREATE INDEX IF NOT EXISTS "idx_contact_organiz_3861ae" ON "contact" ("organization_id", "email");
        CREATE TABLE IF NOT EXISTS "customer_link" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(16) NOT NULL /* STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system */,
    "external_id" VARCHAR(100) NOT NULL,
    "matched_by" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_customer_li_organiz_b4e81f" UNIQUE ("organization_id", "source", "external_id")
) /* One provider account (Stripe customer, HubSpot company, Salesforce account) resolved */;
CREATE INDEX IF NOT EXISTS "idx_customer_li_custome_594ed5" ON "customer_link" ("customer_id");
        CREATE TABLE IF NOT EXISTS "integration" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(16) NOT NULL /* STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system */,
    "base_url" VARCHAR(500) NOT NULL,
    "secrets_encrypted" TEXT NOT NULL,
    "secret_names" JSON NOT NULL,
    "enabled" INT NOT NULL,
    "schedule" VARCHAR(100) NOT NULL,
    "state" JSON NOT NULL,
    "paused_until" TIMESTAMP,
    "pause_reason" VARCHAR(500) NOT NULL,
    "last_scheduled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_integration_organiz_1e8615" UNIQUE ("organization_id", "source")
) /* An organization's connection to one provider. Credentials are encrypted at rest and */;
        CREATE TABLE IF NOT EXISTS "payment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" NUMERIC(14,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* SUCCEEDED: succeeded\nPENDING: pending\nFAILED: failed */,
    "failure_code" VARCHAR(100),
    "at" TIMESTAMP NOT NULL,
    "stripe_id" VARCHAR(100) NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    "invoice_id" INT REFERENCES "invoice" ("id") ON DELETE CASCADE,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_payment_organiz_4d070e" UNIQUE ("organization_id", "stripe_id")
) /* A payment attempt (a Stripe charge); failed ones feed the churn features. */;
CREATE INDEX IF NOT EXISTS "idx_payment_custome_398e76" ON "payment" ("customer_id", "at");
        CREATE TABLE IF NOT EXISTS "sync_run" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(16) NOT NULL /* STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system */,
    "mode" VARCHAR(16) NOT NULL /* FULL: full\nINCREMENTAL: incremental */,
    "status" VARCHAR(16) NOT NULL /* QUEUED: queued\nRUNNING: running\nPAUSED: paused\nSUCCEEDED: succeeded\nFAILED: failed */,
    "stream" VARCHAR(50) NOT NULL,
    "cursor" JSON NOT NULL,
    "created" INT NOT NULL,
    "updated" INT NOT NULL,
    "unchanged" INT NOT NULL,
    "failed" INT NOT NULL,
    "pages" INT NOT NULL,
    "errors" JSON NOT NULL,
    "message" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "started_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "job_id" INT NOT NULL UNIQUE REFERENCES "job" ("id") ON DELETE CASCADE
) /* One sync of one source: what it did so far and where it resumes. */;
CREATE INDEX IF NOT EXISTS "idx_sync_run_organiz_0c18f0" ON "sync_run" ("organization_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_sync_run_organiz_b81567" ON "sync_run" ("organization_id", "source", "status");
        CREATE TABLE IF NOT EXISTS "webhook_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(16) NOT NULL /* STRIPE: stripe\nHUBSPOT: hubspot\nSALESFORCE: salesforce\nIMPORT: import\nAPI: api\nDEMO: demo\nSYSTEM: system */,
    "event_id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* RECEIVED: received\nPROCESSED: processed\nIGNORED: ignored\nFAILED: failed */,
    "error" TEXT,
    "received_at" TIMESTAMP NOT NULL,
    "processed_at" TIMESTAMP,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_eve_organiz_659a01" UNIQUE ("organization_id", "source", "event_id")
) /* A provider event received once: the unique key makes a replay a no-op. */;
        ;
        ALTER TABLE "opportunity_stage_change" ADD "salesforce_id" VARCHAR(100);
        CREATE INDEX IF NOT EXISTS "idx_customer_organiz_a49408" ON "customer" ("organization_id", "domain");
        CREATE INDEX IF NOT EXISTS "idx_customer_organiz_e17e50" ON "customer" ("organization_id", "email");
        CREATE UNIQUE INDEX "uid_opportunity_organiz_8828d8" ON "opportunity_stage_change" ("organization_id", "salesforce_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_opportunity_organiz_8828d8";
        DROP INDEX IF EXISTS "idx_customer_organiz_e17e50";
        DROP INDEX IF EXISTS "idx_customer_organiz_a49408";
        ;
        ALTER TABLE "opportunity_stage_change" DROP COLUMN "salesforce_id";
        DROP TABLE IF EXISTS "sync_run";
        DROP TABLE IF EXISTS "webhook_event";
        DROP TABLE IF EXISTS "contact";
        DROP TABLE IF EXISTS "customer_link";
        DROP TABLE IF EXISTS "payment";
        DROP TABLE IF EXISTS "integration";"""


MODELS_STATE = (
    "eJztXWtzm0i6/itd+rJOlZOTOHEmR7O1VbJMEk1koREoyexqS2lJLYkx6iYN2NHZnf9+ur"
    "mIiwCBbgbSHyZjQ78NfvpCv897+09jRWZIN1+0DO0TWjea4D8NDFeI/RC7cwka0DCC6/yC"
    "BSe60xQa2vjeazQxLQqnFrs8h7qJ2KUZMqdUMyyNYN64hUGr3wGs/QsgY30NIFA+tp5fXb"
    "8FS2guAZkDa4mAiaYUWUAzgWkRima/gm8GRXPtxzd+jbd40EyNvQAwILVe8GfPyJQ9XMOL"
    "0z7Gxtp3G40tskDsPmUP+9e/2WUNz9APZPq/GvfjuYb0WQRTbcY7cK6PrbXhXOtg673TkP"
    "8Fk/GU6PYKB42NtbUkeNNawxa/ukAYUWgh3r1FbQ4ztnXdGxAfefdNgybuK4ZkZmgObZ0P"
    "Fpd2XyC41hiPe7I6ViR1PG5sDaQvEQLduzQlmE8C9qqm89cv+Cs8v3r15pc3716/ffOONX"
    "Fec3Pll7/cRwfAuIIOPD218ZdzH1rQbeFgHIDq/H8L1vYS0mRc/fYxZNkrx5H1ccyC1r8Q"
    "YBvM+3OAu4I/xjrCC2vJEX35MgPKz61B+2NrcMFaPeOPJGyhugu45926cu9xvAN83fVQBO"
    "FA4jgYP+30jSD86m0OgF+9TcWX34rC6+5AY74pFcE4JlbDyfz2TQ6o375JhZrfikJNiZ6y"
    "U0jYXjk4d9gLQTxFW3j7smUGuvG5I32RBk32zUKPiI5wq9fq/qGoTQAx1NemNcJyXxq0VJ"
    "m1IQZ/Y8Jb3d51eqzNbKXh+Hf0adYEm9oczDG0tofrlt2xtBVKXhZRydhgzTzRF/4P5Rm6"
    "/GuE/YEzfqDxtsEM6NXOnaSorbs+f9zKNL/rDn4tVeJ3rpyr69jVi/gwbToBXzrqR8B/Bf"
    "+Ue5IDLzGtBXWeGLRT/9ng7wRti4wxeRzDWWjH9q/6qEVGXYemNbbNvcY9LnuEkfdeuSwD"
    "X5GB9jHJHGmKHsj9XuMclRSjXOZRJnQBsfZ/kGMwLqT6JEju1oOqsHkfQRXiyuX8PlETCs"
    "O2jfZ7pt9qC8y0+a2TTgxcT/WXY91VDOy//FnlXw1WO4WPG+08abKxHxgCyHLPhy2l3bqV"
    "Gg7yEzi9f4R0No4MAb9Drkjsyqbt9q3V1Sp+hR3RFg5I/K/h7+6NQptgyyVUtrgZ/9ZlFj"
    "kzDTXaTc4Adio0CQbQAhBMbdMiK0TBhQJ1ZM4JnSLgPfRZAuVSUDiBSPnX1hw2iU3dSYp+"
    "WIiycywfo3/HGJf/NAI0G/6TnYaOIFNITZN1uEHbA9KbOP68955CofOLs5eFuk2YJ2gFNf"
    "2gZwiq6JxUUTCZ9lEBA+lSK4GKOuj0pSbgWBtohD8Ob5S+zJTApT0xDcKUQKXVlZT38qDN"
    "W20W5wh37vrygDXUVgahrF2r32FqoaGN8K10JzfBDK0Ik2YapXTHJJlCiVblUBjDe0Pi6C"
    "avm5hYmYd1X74qFyP4KoMRfLXNCLrbXhGcfYG9EC7ZET1GuV5f56Fcr6/TKVd+Lwpw+Snt"
    "RqO66Ap2adeZuRbqZ/gYmP8oFZPaS+0s24Z1lFOV0OuFXl8KsI+u1ydtGkeAuR3qqlobRl"
    "6EY3tlqVgTH/wk2iQ0MBm8SbjVTuJEXSIAp1NiY6sJCEaAjSV71RmgaErojN2jxDSB4uhk"
    "l+CjPVGYKnYJQtwIxDNP8zK3uZUT9J+LftloSBTNOdGRQNA4j/S4lu3bntKZej/QP3fyOg"
    "kLmq3BhbMET071ONDT9VmexQBgk+9MDzN0iM/yoBWl5xmpyCH95I/zda8KkI27nzEj7CFY"
    "MJqlOhleCue3J+MKBNV1YoC9HacAwoGEgDgXxOHjRF6QwzL1g/kkrHjohJgX5ZBI/UC+yj"
    "OT0+fxlvMmWiTSH+noBhL1A/ckM9hXBXL7eXvtBbz5NgibUoSnxXaIkMwZrTtD5fY8Bp7X"
    "OWB+nQry6zjEno4ZRfeOYI+024LXax+35KCptoL6i1v3/6dC+eWJEM6A9FZqd+5a3YtXby"
    "7drdf8rmsuYdcb3kmDTtu7FYtR8GmWvdwmfOEzzl8dwVnBCdzoSq3bJuCSI3z3e7cJVt/1"
    "EVb4Tyb/Se5z74hhr6P+wb3nOZHGXspaj3B7qKjyHXe890nDEZa+9ls9pSP3moBp0hBzRZ"
    "q1lHvqoNVWnevcM4uzis6dljoedJRPTQCtMdXMe9b243DQk9grTZc2xYi91UDiop9bKr9K"
    "ERd9cJDbZ4cTTvvCrLqPWXWuUdMamwjhPUZ6S1h4cJd5rG1jtueSjkrWcElXNA4nYdi9t0"
    "9wpuM2nwJn1bicUAtyqQWBAa0A1hEhAXQuoEOmyAJIR6UE1PnmdMSqW2RexwUF4LkAFz5Z"
    "wifr6Q+954i1ChPuTjCRuQ3/jSf5/tMA6RtMU9y0gvioau0qaZhHY6o1fH8oQB6n0WVd1W"
    "hqxkxkD0SbogOR6ri91BUkTo0diFDX4+VquNLYHWxqluMvcxhG2hxN1+yjr256rOuMClhU"
    "7dC1JweEbF3RMuB6hfCh37u+20tdQTKZuuZ3fiBSSqirusJladN7dOiUUmxn8alOX7VFiu"
    "/GrrXmQLjUoKe6gmWbcIHG6OHw7WrIe5IearZjnSP0wTmvZ4Q/+Of53SEQY91vujMOQsYI"
    "GJQ8aDNE/YAFcOGGJWyso5v4BDAlKwPidTROwZV6Bigyif6wbd48yUNG2CJOYEUgzwMmlu"
    "QRaBZ4hCZYQWu6RLNKpK4QTtgirYRIKyHSShxxDZ2ew/Y22PGkkIdcVKqOWAtPHeG9Ua0E"
    "CGUbVZEBoQoIC2vbz5sBoaoQlzgFQsc5bt/w41EjgQYI377MYgHcY/t4smmZp8SHbegEzt"
    "DsEjxAXXN8AUFb+cwUac1iuAOmbE8QuCBMf9e5J936GXikmmUhDCZrpnl7ygL4k0wSa3sc"
    "u39R1KNcKvU9+7OKaAF++xqe/1/nCaR7nR5J93ornGOusc4LBo6HZUSauTxht5Q8JnDfqT"
    "uD31wcBxMO3NzVxzMBxEwJGoY0JbgrJBQDdbK2XHtzxWDNwOymK99EFFM2NW86vdbgj4u7"
    "1tdnEe20K/c++O3DSufNH6rUiiHPzgW6thdXEJUUgR6lpgoEI1SzQI88BVcEjXHq7xZTL4"
    "oBGwgcB8/KKwmCFCqfC/Y2axGZ8dtjIWOkEvZPzpH4ze2jUnM9L/zBAs+B+mH8Dzv9Lij0"
    "/pBt/id0+zKT/4k1zEP/hCfZ30we6Y6R4/AEPC8L333jBWhTNGOndI31BSBFAOEpXRucz4"
    "EW986wuB9GEgV07GeMmPwDojwDwANySr+6maaADteI/gq+sWlroW9gSRj6zn2NdYO4MyXU"
    "wSO7R1eQ3hdIrulZ/uMeIYJpEs4bwnnjYCv3BJpobNNC2fvCMrVjua5zOW1cZzhtXCdEej"
    "p1aM3xZkvdhltFP1L2qEThGuCepSNKX9WIeuijm0zT+M1Do9HmzE1iDWH+awLl+Jsi97Lw"
    "D+Ti6rs2tcB/ga6ZJ9PlGn+f29j9ak9sTbc0bL7gz/vHEwwNxyl7aOKjcBlVyXkH8aFBmM"
    "OTsCpuCGEnDZziQRZIxalLJnaqwfA/62dmLmW5G4H9phOf8sO7G4nt/rGMVdvqtsk9wWy9"
    "kGEjLFODrecsCSsYGIW2GV+gHPsLf2xt9hcDOlWPbabdJJx0srnbuKzg6MvM0TujNaYIms"
    "XSoMblarfJneRc6xQU978Ne1ckj3cgVliZV5iwgqWvuPpawUSSu7qNesJi3049IGyfwlr3"
    "5J/Nqhen9zPeJNqXNslwsmxLQaNddqV0bPMZW4I6ZXkjcHkz07TPV0sqeJoI/i3TtnaZYT"
    "+CKx5Ivg1sRtb5QORpEs8/jTqwZ+55UTWhceqqCZyfsxMMB7nz+3vSpTaB3g5a79UmmFE4"
    "t3gyf6nHs/gjPML9Vue2CQyozUb4favT5dn151DTeVKIzzK/xz5S7Odhry13u1Jb7dx0pS"
    "awMcNA5y4HE5c9fnqTZ+RrVUSTiQjWUJGpruKSxANq+wxxSEywUGUe3+CgWuCLFxESOZNz"
    "1mMS8fEiPr6aCIfTHBZDOEFyL4TLtl8I9qrC7JVIQHDSBARpO8cRIC6YJLVku0ZelBM2zf"
    "3z1p87j29FMD9pUkweUpJAUnuRJukEtRfOsjvo4damXAZQNCV0Bsgc8BdfUGLjGXgk9P5X"
    "J2SAjYCNAMH6GkwhpRoygWax/2bbWS6O0uPuvBa7OOmoafu4FHhAHS0RpNaEPUmQ32U7FV"
    "1mkN/paTp284ZVSNnRcMMfxm3lsx8CMZ6aDzzgodceK/LQjZdY4+nYjQQZ4f5AbkuKMv4i"
    "3XyU5U9NHoY0ZTN5/IgmS0Lu92EKj58CpHqUb8PZ6ApXdf19KA05oetKj/Bg2Ot1eh+agN"
    "oYsxFgQzlstyXpljcy7ekUoRnaIoLLQe+ymcSJpoRhe68TmLKVhYViozXnUqcar5cvnqK+"
    "sTy86UqgP5DaHV58N8ruOTejlqeB1OrG05AysFLLHSdjHBIR3pV5vCsNSOGqUKhKICGcyC"
    "NM9jGcyNkt/v4FhiOQOGg4yqmanC84iFKSwHOkB8xtBOpA8Z87Sg5aFloZSXp3qh4QFjkf"
    "D32qD+fRs3IJf+maec7m8Zdmh3+636hHJYUVusxW6AghU3Cc47JipMs80nMNa+ZyrwUdEx"
    "XjXOZxFkZ5YTN++qVUuoiHkIUglug82Tbn5zLLUQ44mmG9kjvfjmKbnPimdsLsLo6Wwvoa"
    "2DWyIf9V0ETp1EZOsFH6NZPTjZS632J3ajZgIGoSnjzNL4sHNOzYEec2xkgHEzRnG5OTOf"
    "9xqenoGbvCWvKc+nBTGy8hJf8RO84VzuMlrvIK5SWE+2xyWO0M+Tmz0TPhcYE95fSP2iQs"
    "O+6jROXCsp5QLjPst0WrAIgKAEUqAKAVTErKklE40BeoA717BoCzcjemUFCVyNdYJi/5Cn"
    "oK8LCugttGIxwQ9kUefHJ8BLiXleMj0JZ7n6WByh0C2Ag8IE5jjvBtR/l92Op23nf4jZlm"
    "frehrjGYSuIvAC32/IltFUsKGJUS1tajW/2E2WSfoagc37bZKPYZ6JisYFbLPNIhXbTAUS"
    "QqVb8T32lOIxG1vsjBLy4oAC95kGTZsBYxkhVAWJhjft4QvpJtGEeN4DuSsauoSUKbo+ma"
    "fSZUCrGppZWSSWp2mWmw8AXGVlRipwFDxgiYFjJ4OFRgNvibCf4kNsVofQkeNWsJHpeIIq"
    "BZYMreFMwpWfEKL+zyett0cZwuCwZaxQb9wKCn3bS/iKoq2YfqMoOV55NrzDbGtCCE3bRb"
    "tIcSH3UbXal12+Q1l2YjfPd7twlW3/URVvhPJv9J7vMArGGvo/7B6TluUWevZK1HuD1UVP"
    "lOGjQ3a3aEpa/9Vo8HfjQBm+p8ayHYYe/UQautOtd5VVi+xzh3Wup40FE+NQG0xlQz71nb"
    "j8NBz+H5lnz184ghiYt+bjnsH0Vc9AFaZeH4mFp60EwJy5eZEhcT5WAyuCgJJVjGCnBPon"
    "xZTcuXFS/0IEo8FAtCFPm/BLdVJYQFt/XzcltVhbjE5JYc6AiNBFIrfPsyi8wisYanzmMf"
    "dWxN8n0N+8YWdXzViYnGM69e2zkcXxfCGVXQXg4k5XdGrba3pKhUkDeLjKhUcKyJfPxKBf"
    "tTndXgOfsDWenzIgPcAdWgxDR4iQHuhOr5mrZbLj/pOZtOoctQMrm+rLS6jpBB2DFhhHvS"
    "B1nteO0xWhBL81q3u7Ii3Y6/OEQn/+bPxo+h6+xfdXOD/WuVgxNhf9kETjTdO2rFjt+ZOb"
    "DCcudMg/VEO9gR8mDxcK0pL2LJZhibOjRlX8thjErqqNxrsNOXup2exNaSZiBdw2iEbyRF"
    "HTOVhV2cIOePMRG3GNzddfhSIauVZvnrx186Iyyzu449gLDbpbEFRE/52zaBlG9VRCrLLl"
    "CeoTzKYmqp0lahlbE7wtv4ZdZ1j8idsbL75kplS7sz5B6TuK1dcD8mMuIC6yysRYDCPgNQ"
    "PdOh8KU+ry+1iBP4CdzWy7ZjCdteFRAWtj1h26saxAfa9mKs3ni6hHiRFKpcpCpKyGqn8F"
    "7bTqc1GoSTVklJQS/bOhrDOZehdBwe8lxW04bzGLDU2Jyja8dXH4fdPMGFsjmVgtDbfXQF"
    "nm37/R+jw30stpkW2RBEwnG/lF/qywwL5s/kuC/sFMIpX0wC4XAvWDPBmp2Uytk+E+XlG7"
    "YEBd0gCB1B6JQL7JMSOjHf3EORjvZWV6C3ts1SeW2HZ3sSMRFbDRl0RLxljuzJFsIQWy+A"
    "9IA4Z8B1fkDJIzAIRxlACxCMkrIj5xfcnUhA6PTCK/lJjndXuY53VxnHu6uEjF66vSh0jP"
    "baHwffp526EXTf5QH3XTq277aNoMKPIxX6etXn2jpt5jG7QEMb36P1gRaXlqGxE1QFp0Cq"
    "hSWWxNNiZ4IDMWq7vdQWJM8QeChK9TOZJvuk6Bq+PxJWXdZVXfFyczYcCFSxIjzVxAlbaE"
    "EdHA4FK+ipvmA9EG16qJtBx+2lriD9SSYHAvQbmdQVHJ6C6kB0/JJOdYQnyOh4KEjJWSXr"
    "iFlAuWlHdICqP1pr4TRWHD4DrlcIH3qu6ru91BUk055sOj8QKSXUVV3hsrTpPTp0Sim2sw"
    "5Vp6+6IuWXzDwUq9zVMiuJknOIcHNvHgiUGvRUV7Bsk/vSoofDN/Uh70l6qPG+/ogmS0Lu"
    "j4LWF7ev2uF1SvOtf2xIsNyGThTpRlsj1ChPtVu3OYCWhVaGBS4gUJwcooAdHOkCPfuVyW"
    "o6mnHzqwnmiP3Ea9Y6OX3Zr9CyKTITy90er+d8TuRO5zsdyI+bV15Yms9paRb5mfImZBD5"
    "mQ6YxSfOz1SxYqHFZ3BDGbbbknTLs7qY9nTKdnae6aUv9W5dN3iEZ44L/PtWp8sbud+B+D"
    "cklz/t0Z3S+buwDw8DfVbIqyUuJ3yXc/kuixiAesYAbA5jBZZQRKjMG1yZFpDI43Aqt3/P"
    "EFoM2KiQKOsooilENEWpwBbpMUoDca70GAk78hHQze+eUrLdOC+20e9QmeJTIta+BJYzbg"
    "1MpzrNeMtTFxbYi2FkU9GvU38I05irVAAnBwSdWabv8mUGnWnosFD5Kr+9UI3yqUY/Bdem"
    "DjqtrkOrMbyh7vBqTpVFqQmcAotohPstRR3fDnm2Zp5lembzvMytXlty2Lcp//NLw7+ZCC"
    "aZHVM3m03786kCr0q934Q+qDThIJphK/HaC0OJMJTssRUc31DiH5u2QM4miKOSgiguNVHs"
    "f3z2CcGMih5hoMup69VinJ/IIFCyERX2gIrRqoK4FsR1ScAWxHVpID5aXudzx1qW7HP4JA"
    "620SCKRAI6FmWRxUA7TcdW0PaoHHQBmpkYbOgPZpkFAXxOAti0J3+iaYLik3EkDkTOSCKc"
    "h0E4SU1XixjatAjCG4Ey0757Ivz2TQ6A375JxZffihec1AhNTB6Yj2UPy5cZ8EZX/tIEOn"
    "kc4Z48uOOJmTGhK56W+WPnw8cmWGqL5QgPBx+kntoENl14QRhlYNQx5z+SHOczKoJGpMpd"
    "D7Tx/BW4gHhB18/AixeA/cI+1Gw42Hs9yzcEWQzxEQqFBt/mrRHIprgigoLJLDXD5aVX34"
    "PHDAsKFrPUYyzINUGuVQhhQa4Jcq1qEB9Irp2UOvJySiSRRkG6iQy6yEttkYsoasgYAS7B"
    "K28R/jOx6RQ1weMSWkCzwEybsWtMmgKIZ+wyoohfZ987e5UUk32MDguSVAnrJZo5lztTXp"
    "7UK9L5I52fhH9k+b5Ql1n02Gbo9vLf20iXmldQ1EGnLzWBa+se4Y/DG6Uvq03gVTUeYaXV"
    "lZT38qDNW21K5Ixw564vD1hDNwvoCLf6nSaAhjbCt9Kd3AQztCJM+g9Fle6Y5Nq00KocjM"
    "QqNbZ297CuDomvPdegvh92u6wrJsiGqdceSHdST+WckYbZ9sdZFdeR7umHono+sg3W1Eb+"
    "rpp7SH4fSkPu7epKj/Bg2Os5brPse4wdr9l+a6jwFga0Td4iOYq9jDHr7FkIrgqZETYStb"
    "MiXOdxqrlO96m5TnCpoSZJOL3/psi9VF9PTyLO52hTC/wX6Jp5MpW08fe5jZ10XmBia7ql"
    "YfMFf+w/TgV/BtwcoQi348N8cdf6Gh+Bdle+iZM2vIOb5KINRQiYQOJ81MDLUp+6QsnRjF"
    "lBOEMSAs4tOLGbcbUQoGEZAWkc0uBTmxPPQECAGQfTgInZgFOx3LQXUMahRJSSpJIe6eeC"
    "QKIc5wL+vNqcC1bINFNLSqdEPAUiNTwH5zsIZ52ERcGsAujXq2BWSWOxhHH7ZMbtuYY1c7"
    "nXMMdExTiXeZyFqf3UB8M/yaQYsIHAcfCsvFlIOC48leNCEct6ZMZvj4WMkUrYPzlHYs+K"
    "WE861/PCHyzwHKgf5KMQLueQ4KcQq/aQ7qtgxRrmyCVPMHpO5nNg2HS6hCYCF4TOEDW5vw"
    "Em+Hk4XxPYlMT8FbSVz54R03yWlEn+aP3myvKEfliIYqifOZP8bk8GEdpTso/UZYbvQngW"
    "baGbTkjExMps5N6TlhBZpM/yRaqFpiLqPYg0RhVPY/TdhthKjI9L/cSGRURSs7huXT2nQK"
    "9Md8Hp+1M6BhqUGIgm13hNt6pFpcphWauXx40IexJhTxVCWLCHIuypahCXOOwpVPQ0gVGM"
    "lkRNJxRDRVjzEYp9SmY2+3g7gk3wzT8XfwNubVJO/33jE+UbgBb4Bq1v4ILMLYSBQdFzuG"
    "BftAWfJ4AdDsAMrv/nEaH7BILxhM85LKXPOQm/G23xs3B+/3t19fr1L1cvX799d/3ml1+u"
    "373cfGO2b2V9bG46H/j3JnKm2s0MOgAmqi/J6Pvta8gFHj8djSACa0kEChbl2F7AQtEWin"
    "aZdy+haFcBYaFoC0W7ahCXWNH+giZLQu5TVe3I/cssZfvRbVlE3W4xdZY8aDOmxDpSgKIp"
    "0h6YXkswzxLCFFjgjjW4R2uwgvfIBJC1MnS4Zj9g8pwYSe47x+o2X422jYHHeVqSE49whB"
    "FJPEQSj4NtdZv1lTi0Ke5NIZkyD+iefMZpEhgLvuikvmMGXOsEJkzjDD04EDm/Evw0lNFJ"
    "1N0KJp/xTy8FGYfGQGpLnc88cYzfwwj3B3JbUtycM5RMkemknel86MkDfo0d3NnxvaQpZ5"
    "xI5u2RU9GPlPPSRqAOdZyyuFXpq5q9UDbUalfuffCbx1dPFG1/zuwRmhcTFUR3qYnuzT6w"
    "x0jHZUUUZplHWhCSgpB8+qX0NHGDx2PMWohq02UjgSvz7lxmsWQwaHPKsk2CcDon4fSAqJ"
    "m4xNNV5pBIDbXmk7ASfFEVQNhrXkN0T1PElWArsWBPRsrJQERwEgU5ia1Twzk/Zn/9P3gY"
    "tKg="
)

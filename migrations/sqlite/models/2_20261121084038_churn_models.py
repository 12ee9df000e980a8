from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "model_version" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "version" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* CANDIDATE: candidate\nACTIVE: active\nRETIRED: retired */,
    "params" JSON NOT NULL,
    "features" JSON NOT NULL,
    "metrics" JSON NOT NULL,
    "calibration" JSON NOT NULL,
    "feature_importance" JSON NOT NULL,
    "window_start" TIMESTAMP NOT NULL,
    "window_end" TIMESTAMP NOT NULL,
    "cutoffs" JSON NOT NULL,
    "horizon_days" INT NOT NULL,
    "artifact_location" VARCHAR(500) NOT NULL,
    "artifact_sha256" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "activated_at" TIMESTAMP,
    "retired_at" TIMESTAMP,
    "reason" TEXT NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_model_versi_organiz_654983" UNIQUE ("organization_id", "kind", "version")
) /* One trained model of a `kind` (e.g. "churn"), numbered per organization and kind. */;
CREATE INDEX IF NOT EXISTS "idx_model_versi_organiz_6895f7" ON "model_version" ("organization_id", "kind", "status");
        CREATE TABLE IF NOT EXISTS "model_artifact" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "content" BLOB NOT NULL,
    "size" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "organization_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "model_version_id" INT NOT NULL UNIQUE REFERENCES "model_version" ("id") ON DELETE CASCADE
) /* The bytes of a model version: its named parts (e.g. "classifier", "survival") packed */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "model_artifact";
        DROP TABLE IF EXISTS "model_version";"""


MODELS_STATE = (
    "eJztXWuTmzjW/isqf9lOldM7uU5ez9ZW0W6SeOLb2DiZ7HrLLWPZZhpLjoDueHbnv78SF3"
    "MxYPCtgehDkg7oCPo5ktB5zkX/ra3IDOnGtbTWPqFNrQH+W8NwhdgPkTt1UIPrtX+dXzDh"
    "VLebwrU2uXcbTQ2TQtVkl+dQNxC7NEOGSrW1qRHMG0sYSP0WYO2vQQ/rGwDB8KP0/OWbt2"
    "AJjSUgc2AuETCQSpEJNAMYJqFo9gu4W1M0177f8Wu8xYNmaOwFwBpS85o/e0ZU9nANL877"
    "GAtr3yw0MckCsfuUPezf/2GXNTxD35Hh/Xd9P5lrSJ+FMNVmvAP7+sTcrO1rLWy+txvy32"
    "A6UYlurbDfeL0xlwRvW2vY5FcXCCMKTcS7N6nFYcaWrrsK8ZB33tRv4rxiQGaG5tDSubK4"
    "tPMC/rXaZNLtKZOhrEwmtR1FehIB0N1LKsF8ELBXNezffsFf4fnLF69/fv3u1dvX71gT+z"
    "W3V37+y3m0D4wjaMPTVWp/2fehCZ0WNsY+qPa/O7A2l5DG4+q1jyDLXjmKrIdjGrTeBR9b"
    "f9xfAtwV/D7REV6YS47oTz+lQPlZGjQ/SoMr1uoZfyRhE9WZwF331kvnHsfbx9eZD3kQ9i"
    "VOg/HTDt8Qwi/eZgD4xdtEfPmtMLzOCjThi1IejCNiFRzMb19ngPrt60So+a0w1JToCSuF"
    "jK2VjXOLvRDEKtrB25MtMtC1zy35izxosG8WekR0jKWu1P46VBoAYqhvDHOMe315ICk91o"
    "as+RsT3uq20+qyNrOVhqPf0aeZE2xoczAn0NxV1y27Y2orFD8twpIRZc1c0Wvvh+KoLvsc"
    "Yb/gjG9o3GUwBXql1ZGHitTp88etDOObbuMnKTK/89K+uolcvYqqadsJ+NJSPgL+X/CvXl"
    "e24SWGuaD2E/12yr9q/J2gZZIJJo8TOAus2N5VD7WQ1nVomBPLOEjvUdkTaN595aIoviSK"
    "9jBJ1TRFD+T+ID2HJYWWi6xlQhcQa39CjsEkl+kTI7nfDirD4n0CU4gbl/P7WEsoCNsu2u"
    "+ZfastMLPmd3Y6EXBd078X6a5kYP/ljSrvqj/bKXzcWudxg439wBBAprM/lIZN6Vau2chP"
    "oXr/COlsElIBv0NeksiVbdvdW6uXq+gVtkVb2CDx34a/u6uFJsGmQ6jscDPerXoaOaMGGu"
    "0nZwDbFRoEA2gCCFTLMMkKUXA1hDoy5oSqCLgPfRZDueQUjiFS/r0zhg1iUWeQou8momwf"
    "y3X0nwjj8t+aj2bNe7Ld0BZkBqlhsA63aLtAugPHG/fuUyi0/2OvZYFuY8YJWkFNP+oZgi"
    "q6JFXkD6ZDTEBfutBG4FAZtPpyA3Cs12iMP45uhv0eMwKX1tRYE2YEDqW2PHzfGzR5q+3k"
    "HONWp98bsIbaak0oayf1W8wsXGtjfCt3eg0wQyvCpJlFKXeYJDMo0aoYBmNwbYjVbvy8iY"
    "gVWa2H8lWZGMEXKYzgi11G0Fn28uDsCRyEcMG26BHK9c2bLJTrmzfJlCu/Fwa4+JR2rVZe"
    "dAW7tG/PXAnzM7gNzL6VikgdZHYWbcE6ya5K2PXCri8E2Ce36+MWjRPA3Ax0Va4FIyvCkb"
    "WyUKyJB34cbRJQTApvEmy1lzhRlghAVSUWNhuAYASYLtmrzgBFKqEzdo8SwwBD2yarg4/W"
    "dMhMsToIcCMQz1zLy9jlVs7Qfyb6ZWshUTTnREcMQWM/0uVadm+7Rmfifd/+3MvrxExoNg"
    "cX9hQ8O9VjQ083F3kWA4ANvgs9bK1DfJEHrSi9jKZCm/SzP86zvUpANu5/xoywh2DBaBZq"
    "Z1gXwW9PxhUIquvMALsrTg6EfQkBcSaIg9uJrCAHZaoH81lY8cAOMSvKAZHqgfwyy0hOHs"
    "c7wZtoEUt/JKPrS1QP3LOMYM8UyBzn7bYX8GZbICxKEVbzrRABmQt6d0bD28s4eF5lgPlV"
    "IsivohC7NmYY3Q7BLmm3A6/bPurJQaq2gvr1rfPvuVD+6UwIp0B6KzdbHal99eJ13Vl6jW"
    "+65hB23VFHHrSa7q1IjoJHsxwUNuEJX3D86gjOcg7gWluWbhuAS45x57d2A6y+6WM85D8Z"
    "/Kden0dHjLot5SuPnudEGnspczPGzdFQ6XV44L1HGo6x/Htf6g5bvW4DMEsaYm5Is5a9rj"
    "KQmop9nUdmcVbRviMpk0Fr+KkBoDmhmnHP2n4cDboyeyV1aVGM2FsNZC76WVL4VYq46ION"
    "3CErnAjaF27VQ9yqc40a5sRACB+g6R1hEcFdZF1b69mBUzosWcEpXdI8nBi1u28fE0zHfT"
    "459qpROWEWZDILfAdaDqxDQgLoTEAHXJE5kA5LCaizjemQVzfPuI4KCsAzAS5iskRM1tNv"
    "ei+RaxUk3O1kImMX/htX8v2nAdK3mCaEafn5UeVaVZIwD+dUa/j+WIBcTqPNuqrQ0Iy4yB"
    "6IpqIjkWo5vVQVJE6NHYlQ2+XlKjjT2B1saKYdL3McRtocqRv20Ve2PVZ1RPksqnbs3Ov5"
    "hGxV0VrDzQrhY793faeXqoJkMHPN6/xIpIaBrqoKl6mp9+jYITW07Mmn2H1VFim+Gjvemi"
    "PhUvyeqgqWZcAFmqCH45erEe9JfqjYinWJ1Ad7v56S/uDt5/enQEx0r+nePIgeRmBNyYM2"
    "Q9RLWABXTlrC1ju6zU8AKlmtId6E8xQcqWeAIoPoD7vuzbM8ZIxNYidW+PI8YWJJHoFmgk"
    "dogBU01SWalaJ0hQjCFmUlRFkJUVbihHPo/By2u8BOprki5MJSVcRaROqI6I1yFUAomlZF"
    "BYQyICy8bT9uBYSyQlzgEggte7t9w7dHtRgaIHi7nsYCONv2yXTbMssRH9ZaJ3CGZnXwAH"
    "XNjgUEzeFnZkhrJsMdMGN7isAVYfa7ziPpNs/AI9VME2Ew3TDL2zUWwB9kGnu2x6n7F4d6"
    "FMukvme/Vh4rwGtfwf3/qyyJdK+SM+le7aRzzDXWec7E8aCMKDOXJe2WkscY7jtxZfCai+"
    "1gzIabh/q4LoCIK0HDkCYkdwWEIqBON6bjby4ZrCmY3bR7NyHDlA3Nm1ZXGny96ki/PwtZ"
    "p+1e94PXPmh03nxVZCmCPNsX6NpBXEFYUiR6FJoqEIxQxRI9shy4ImiMc3+3mHmRD1hf4D"
    "R4lt5IEKRQ8UKwd1mL0Ijf1UUPI4WwvzJq4lenj1KN9azw+xM8A+rH8T9s97ug0P1Fdvmf"
    "wO16Kv8TaZiF/gkOsr8ZPNMdIzvgCbhRFl74xjVoUjRju3SN9QUgRQBhlW7WnM+BJo/OMH"
    "kcRhwFdOpnjJn8A6K8AsADso9+dSpNAR1uEP0F3LFha6I7sCQMffu+xrpBPJgS6uCR3aMr"
    "SO9zFNd0Pf/RiBDBNIngDRG8cbSXewoNNLForup9QZnKsVxvMgVtvEkJ2ngTk+lpn0NrTL"
    "ZL6i7cCvqesEbFClcA9zQbUf5dCZmHHrrxNI3XPKCNJmduYs8Q5v+NoRx/Hfa6afj7clHz"
    "XVNN8D+ga8bZbLnaP+YWdr7aU0vTTQ0b1/x5/3wC1XCc0lUT1UI9bJLzDqKqQZjDEzMrbg"
    "hhOw2cEEHmS0WpSyZ2LmV4n/ULM5e9XjsE+00rOuRHnRuZrf6RilW75rbBI8EsPZdjIyhT"
    "gaXnIgUrGBi5lhlPoBjrC39sZdaXNbRPPbaYdROz00nnbqOygqMvMkdva2tCETTylUGNyl"
    "VukTvLvtY+UNz7Nhx8Inm0AzHDijzDhBcsecZV1wsmitxVTesxk3239IDwfQpv3ZN/Nst+"
    "OL1X8SbWv7QthpPmW/Ib7fMrJWObzdnin1OWNQOXNzMM63JnSflPE8m/RVrW6in+I7jiie"
    "S7wKZUnfdFnqbw/NOYAwfWnhenJtTOfWoC5+esGMdB5vr+rnShXaC3A+m90gAzCucmL+Yv"
    "d3kVf4THuC+1bhtgDbXZGL+XWm1eXX8ONZ0Xhfjc4/fYR4r9POo2e+223FRaN225ASzMMN"
    "B5yMHUYY+f3uUZ+lrlsWRCghU0ZMpruMTxgNohKg6ICRaqyPr1N6o5vnghIVEzOeN5TCI/"
    "XuTHlxPhYJnDfAjHSB6EcNHWC8FelZi9EgUIzlqAIGnlOAHEOYukFmzVyIpyzKJ5eN36S9"
    "fxLQnmZy2KyVNKYkhqN9MkmaB201n2Jz3cWpTLAIpUQmeAzAF/8QUlFp6BR0Lvf7FTBpgG"
    "LAQI1jdAhZRqyACayf7MdqtcnKTH/XUt9nHSYdf2aSlwnzpaIkjNKXuSIL+Ltiuqp5DfyW"
    "U69vOGZSjZUXPSHybN4WcvBWKiGg884aHbnAx7IydfYoPViZMJMsb9Qa8pD4eTL/LNx17v"
    "U4OnIalsJE8e0XRJyP0hTOHpS4CUj/Kt2Qtd7lNdfxvJI07oOtJjPBh1u63uhwagFsZMA0"
    "yVo2ZTlm95I8NSVYRmaIcILga9y0YSJ5pi1PZeJzBhKQsKRbQ151Ln0tdP109xvnFvdNOW"
    "QX8gN1v88N0wu2ffDHueBrLUjpYhZWAlHnccj3FARERXZomuXEMKV7lSVXwJEUQeYrJPEU"
    "TObvH3z6EOX+IodRTTNLlcchClJIbnSE6Y2wpUgeK/dJYcNE20WsfZ3Yl2QFDkcjz0uT6c"
    "J6/KJeKlKxY5myVemm3+6WFaD0sKL3SRvdAhQiannqOyQtNF1vRcw5qxPGhCR0SFnousZ+"
    "GUFz7jp59Khct4CHgIIoXO431zXi2zDMcBhyusl3Ll23PYJie+qRUzuvOjNWR9DawK+ZD/"
    "yumitM9GjvFRemcmJzspda/F/tJsYI2oQXjxNO9YPKBh2484tzBGOpiiOVuY7Mr5j0tNR8"
    "/YFdaS19SH27PxYkryn7DjTOk8buEq96C8mHSfbQ2rvSk/F3Z6xjzO96ec/1HbgmWnfZQ4"
    "ubCoO5R6iv827ykA4gSAPCcAoBWMK8qScnCgJ1AFevcCAKfVbkygoEpRr7FIUfIljBTgaV"
    "05l41aMCHsS2/wyY4R4FFWdoxAs9f9LA8UHhDANPCAOI05xret4W8jqd163+I3ZprxzYK6"
    "xmAqSLwANNnzp5aZryhgWEp4W0/u9RNuk0NUUTq+bbtQHKLoiKxgVous6YAtmmMrEpaq3o"
    "7vPLuRkFmfZ+MXFRSAFzxJsmhYixzJEiAs3DE/bgpfwRaMk2bwncjZldcloc2RumGfCYVC"
    "bGhJR8nENaunOiw8gYkZltjrwOhhBAwTrXk6lO82+JsB/iAWxWhTB4+auQSPS0QR0Eygsj"
    "cFc0pW/IQXdnmz67o4TZc5E60iSj8y6Wk/7S+yqgr2oaqnsPJ8cE3YwpiUhLCfdgv3UOCt"
    "bq0tS7cNfubSbIw7v7UbYPVNH+Mh/8ngP/X6PAFr1G0pXzk9xz3q7JXMzRg3R0Ol15EHje"
    "2cHWP5977U5YkfDcCGOl9aCLbZO2UgNRX7Oj8Vlq8x9h1JmQxaw08NAM0J1Yx71vbjaNC1"
    "eb4ln/08Y0jmop8lm/2jiIs+QLMoHB8zS48aKUH5IlPiYqAcTQbnJaEEy1gC7kkcX1bR48"
    "vyH/QgjnjIl4Qo6n8JbqtMCAtu68fltsoKcYHJrQ7/R6KmNncYpx1aK9ygnkZo2ZcmMNh2"
    "L5WlLBGYbkxkOMST3QV4QJSbIg27hg9/nxlYs24NcIWuF9dgXFN1aBg8xoSO2WPGNcOiD8"
    "zM0Me1Z6yler9rbpztQWOsYfug5T+1NYBUXWoPCDwuiYHA8KP0/OWbt0AzwJ0N42fncdce"
    "RBNjCVmDu4zcmeCfLsk/ccsXxdW0v9EwpAlF7QNC0SMrN24sUTnXuDgMb9xQn62FyPaZN6"
    "2uNPgan6B+ExMadPNVkaWoe1v7M8aWS67l6TYXWySRnZ4L6upmpwvT49zzytnruPuHfBDH"
    "iZ4G49J/j4VxV4Y80oRZsKsVL+8xo06Ce+TSDf+sGomb/RlUcryR5wGbZOMFgN9n4gUUni"
    "1YwUaEGVeO1WUbYHe88uWdb2hx/xGzqurs3VdTRLklhigIjl870oBLxUcvnPgZYzzGdyvE"
    "HqEad2BJ9Jmdx7lkgD8nlgnm2sKijjXJrztP5dLsArcmp9BAOnshcOVeZK3G2LMf3fZzni"
    "jK34q9053DXN/xYAoeYfEIDZ5Hyv/BxOQFNFeEzQXwd7D1qWVPFPXKjHqay5sK6sm7mSwi"
    "iqJIX816ihWbXJs2Htcy1KM90H1y+vqxiR++xGEbkBDb6rgTPcqXZ6ey9V3jZnBOJyD70H"
    "dvW9xabIBtH2NsR0+wS/Yij3g8hdIaOLEUpkaLEkchSpcWKplujtjAp/kyHIMyxVAJf15l"
    "VOJuHfNoJCBSDIVUao6oUNemNIE/SFZKRKwYiqnUTHEXookTneR92HMuYxHpYqipUvPnkf"
    "325HFily/N60uIylbQm1AS70GmcEpXXSjOdMykaBRrRAo1F0vNKrs5n+faogREirHEVupL"
    "uCRU+5OTwXCTpz57VEwwCzHMwjbmRidqwiYwmRWLFRbxxVniiyOxTgeh7otWkJZ8+zoD6G"
    "9fJ2LOb4mYDxHzsfUKHaD3qKyotFPkfZvLBB+g57Ck0HKxtRyf+pR8LlKlUp/SVHmOc5FE"
    "yJwI6Hr6lavABwME8zoiAfG5y9zvJJWU8jNzdLH7np+gX4sJywrerqdFZZFIw30xWcm/aK"
    "ZgokhV+bjC88HC9DlDjVSdGGjiOdQvUXV+ISrBi2gpG5LiV4K/GC1xllLlcEWsuJSqDsEo"
    "IaPKF4maK0jVVlC/vnX+LSHgKfjeys1WR2pfvXhddwLS/MOau6OOPGg13VvRZH5KEVY3ec"
    "ZwUOaCdsNoeHsZVvNVlqi/5KC/mErwh9cZKkeRof6gN+zLTcWu/r6mxFgj1bQrwLuF3puS"
    "UxzIrfTuUOJjzOT6vaHUtoWYOQz1Me7KH3pKy22P0YKYmtua2WBD+Xbyxa4yxL/5s8lj4D"
    "r7W9neYH/bS0ABAt8omcKpprtbrYjRknoAfVDukmfQP9EKdoJD6PlZSSo0zAkbYWzo0IR1"
    "LUMluLiOij0HW3253erKbC5pazuRYIxv5KEyYQYeuzhF9i9jIF6uq9Np8alCVivN9OaPN3"
    "XGuMfu2sW4CLtdmEJc4V3+LoeZ8K0KSaXxl8VR5Ukmk6TIEQA1Y+JoOMYeJ0RHECeYAkG5"
    "aI46EzwXcNsrF85R7/XaIa7wphUlA0edG5mN3sg2a9eDzJB7jKOq9sH9GMuECKzTsBYuzE"
    "MUUDofhzjIIOWbe46DDMQhHT/AmRFFW7FEYb0yICxcdU/lqhOF9Z6osF6E1ZuoS4gXcVl0"
    "nofz/af9vs2A127Ie23anVZICX/lciAf7hINopfuHY3gnMlROgmqPJPXtGY/Biw1Nuboxq"
    "4wgYM11sHVcLsrBYG3++gIPNstW3GKDg/x2KZ6ZAMQiVMzCvmlrqd4MH+kUzOEn0KciCEG"
    "gTjtQrBmgjU7K5WzuyfKyjfsCAq6QRA6gtApFthnJXQisbnHIh3urapA7yybRToyITTa44"
    "iJyGxIoSOiLfdSEBIwEYbYvAbyA+KcAbf5ASWPYE04ygCa/DCCXaohj6A4iaBYNr2ISvaj"
    "kjNt716mbO9e7m7vDN1a5NpGu+1Pg+/TDt0Quu+ygPsuGdt3u05QEcfxg6Si7+w2s7hd4F"
    "qb3KO4Yid5PC7SWmM7qBIOgUQPS2gKEWyyPcGRGDWdXioLkusIPBal6rlM42NSdA3fnwir"
    "Nuuqqng5RQWPBKpld3IDTXVZWZywiRZOkcxjwfJ7qi5YD0RTjw0zaDm9VBWkP8j0SIB+Jd"
    "OqgsPPfz8SnTbroqrwsDvY0E6wGLW1OVI3bP+sbHusKmbhszuPxC1veYcSI+Ye6HAKwI44"
    "+agMePmkrnbCELvqo7URYYn54VvDzQrhY9exvtNLVUEyrOm28yORGga6qipcpqbeo2OH1N"
    "Cy56Fi91VVpIwNVifUOnpQsW4GVnXHE99UQvUEs0/xe6oqWJbBo7XRw/GL+oj3JD9UeF1/"
    "RNMlIfcnQeuL01fl8DpngIC3bYiJDQjsKJLDAtaBRhkiAtzmAJomWq1NcAXBkKGyRoBtHO"
    "kCPfuFyWo6mnEHvwHmCDlHWdoHTwLvGKi4kIET9pwtTcHufG+KQiTrR+QnlCiWQVQAyxiV"
    "LCqAnSys4fQVwEp2RmX+EVwbjppNWb7ldYMMS1XZys5rCfXl7q2TaIHwzE6yeC+12ryR8x"
    "2IfkOyaOf0aQ/8XfiRYCr7tOaZB1E5ER2fKTpeZJlUM8tkuxnLMYVCQkVe4Io0gUSlkHMl"
    "lriu9nzAhoUOwrVoHwGRr1MChEW+ThHydUQBljwQZyrAErMinwDd7AFQBVuNs2Ib/g4VKQ"
    "Mq5O2LYTmj3sBkqtOItjz30RUHMYz2ucVOLsIxTGOmwyg4OSDozCJ9l+spdOZah7kOEvXa"
    "C9Mom2n0Q3BtyqAltW1ajeENdZtXk5pK67PcAPbJjGiM+9JQmdyOeD1wXsd8ZvHK31K3Kd"
    "vsm8p//cLwbwaCcW7HxMVm2/5ypsCLQq83gQ8qjdmIpvhK3PbCUSIcJQcsBad3lHjbph2Q"
    "0wnisKQgigtNFHsfn0OSfMOi4kDaIuv5iRwCBdOo8AeUjFYVxLUgrgsCtiCuCwPxySqHXz"
    "qbt2CfwycJsA0nUcQS0JEsizQG2m46Mf22J+Wgc9DMZM1UfzTLLAjgSxLAhjX9A8Udip6y"
    "JfZFLkgiXIZBOMupwSZZa2oehLcCRaZ9D0T47esMAL99nYgvvxU90lQjNLY8ZTaWPShfZM"
    "Br7d6XBtDJ4xh3e4MOL/2NCV3xwt8fWx8+NsBSWyzHeDT4IHeVBrDowk3CKAKjjjn/ERc4"
    "n3LmbEiq2CfO1p6/AFcQL+jmGbi+Buw/7EPN1MHe61k2FaQxxCc4itb/Nu9oIJ3iCgkKJr"
    "PQDJdbwP8AHjMoKFjMQutYkGuCXCsRwoJcE+Ra2SA+klw7K3Xk1pSII438chMpdJFb2iIT"
    "UVTrYQS4BD/bjfCfiUVV1ACPS2gCzQQzbcauMWkKIJ6xy4gifp1976xVXE72KTrMSVLFzJ"
    "dwbWYeTFk/a1Sk/UvaP4n4yOJ9oepp9NhWdQfF722lC80rDJVBqy83gOPrHuOPo5thv6c0"
    "gHtu9hgPpbY8fN8bNHmr7SFMY9zq9HsD1tCpMzvGUr/VAHCtjfGt3Ok1wAytCJP+OlTkDp"
    "PcGCZaFYORWCXm1u5X6+qY/NpLKfX9qN1mXTFBpqZucyB35K7COSMNs+WPsypOIN3Tq6J8"
    "MbI11tRC3qqaWSW/jeQRj3Z1pMd4MOp27bBZ9j3GdtRsXxoNeYs1tAzeIj6LvYg56+xZCK"
    "5yuRG2EpXzIrzJElTzJjmm5k1MSA01SMzu/ddhr5sY6+lKRPkcTTXB/4CuGWczSWv/mFvY"
    "LucFppammxo2rvlj/3ku+FPg5giFuB0P5quO9HtUA8127yZK2vAObuKPBclDwPgSl6MGfi"
    "r0ritQHG09ywlnQELAuQMndiqu5gI0KCMgjULqf2oz4ukLCDCjYK5hbDXgRCy37QWUUSgR"
    "pSTu0JjkfYEvUYx9AX9eZfYFK2QYiYeWJ2Q8+SIV3Adn2win7YTFkWw50K/WkWwFzcUSzu"
    "2zObfnGtaM5UFqjogKPRdZz8LVfu6N4R9kmg9YX+A0eJbeLSQCF54qcCGPZz004nd10cNI"
    "IeyvjJo48My1Jx3rWeH3J3gG1I+KUQge5xATpxA57SE5VsGMNMxQS55g9JzM52BtUXUJDQ"
    "SuCJ0havB4A0zw82C9JrA9dPUX0Bx+dp2YxrO4SvIn6zdTlSf03UQUQ/3CleT3RzKI1J6C"
    "faTqKbELwVG0g24yIRERK7KT+0BaQlSRvsgXqRKWijjvQZQxKnkZo28WxGZsflziJzYoIo"
    "qaRW3r8gUFugfB5xy+P2Rg4JqSNaLxZ7wme9XCUsXwrFUr4kakPYm0pxIhLNhDkfZUNogL"
    "nPYUOPQ0hlEMH4maTCgGDmHNRij2KZlZ7ONtCzbAnbcvvgPO2aSc/rvjA+UOQBPcQfMOXJ"
    "G5iTBYU/QcLtgXbcHHCWCbAzCDm78/InQfQzCe8TnHlfS5JOF3oy1+FM7v/16+fPXq55c/"
    "vXr77s3rn39+8+6n7Tdm91bax+am9YF/b0J7qv3MoA1grPkSj77XvoJc4OnL0QgisJJEoG"
    "BRTh0FLAxtYWgXefUShnYZEBaGtjC0ywZxgQ3tL2i6JOQ+0dQO3a+nGduPTss85rbEzFny"
    "oM2YEWtLAYpUpD0wu5ZgXiWEGbDA0TW4RxuwgvfIAJC1Wutww37A5DlZx4XvnKrbbGe0bR"
    "089tPignhEIIwo4iGKeBztq9vOr1jVJoQ3BWSKrNAD+YzzFDAWfNFZY8fWcKMTGDOMU+xg"
    "X+TyRvDTUEZnMXdLWHzG273kZBxqA7kptz7zwjFeD2PcH/Sa8tCpOUOJigy77EzrQ7c34N"
    "fYxp1t3wtacsbOZN7VnIK+J+yXtgJVOMcpjVuVf1fSJ8qWWm33uh+85tHZE0bbGzMHpOZF"
    "RAXRXWiie7sOHKDpqKzIwiyypgUhKQjJp59KT5M3eDrGTEJUU5e1GK7MvVNPY8mg3+acxz"
    "YJwumShNMDokbsFE82mQMiFbSaz8JK8EmVA2G3eQXRPc8hrgSbsQf2pJSc9EUEJ5GTk9jZ"
    "NVzyY/bX/wPbVRWe"
)

/** Says once, at the start, which database suites run and which are skipped and why. */
export default function setup(): void {
  if (process.env.KLARA_TEST_PG_URL) {
    console.log("Database suites run on SQLite and PostgreSQL.");
  } else if (process.env.KLARA_REQUIRE_ALL === "1") {
    throw new Error(
      "KLARA_REQUIRE_ALL=1 but KLARA_TEST_PG_URL is not set: PostgreSQL suites would be skipped.",
    );
  } else {
    console.log(
      "Database suites run on SQLite only; PostgreSQL suites are skipped because KLARA_TEST_PG_URL is not set " +
        "(bash scripts/pg-test-server.sh start prints one).",
    );
  }
}

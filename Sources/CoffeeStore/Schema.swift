import GRDB

/// The database schema, as a list of named migrations.
///
/// A shipped migration is never edited: a change is a new migration (`"v2-…"`) appended below.
/// Migrations use SQL only, never app types, so they mean the same thing forever.
enum Schema {
    /// Written to `PRAGMA application_id` by `v1`: "BRST". It is how a Barista file is told apart
    /// from another program's SQLite file.
    static let applicationID: Int32 = 0x4252_5354

    /// Written to `PRAGMA user_version` by the newest migration. A file with a larger number
    /// was written by a newer Barista.
    static let version = 3

    /// Every table of the current schema; `open` probes each one so a damaged root page shows at once.
    static let tables = ["setting", "player", "level", "script", "run", "card", "replay",
                         "evaluation", "evaluationShift", "evaluationStanding", "evaluationRanking", "evaluationImport",
                         "leagueMembership"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-evaluations", migrate: v2Evaluations)
        migrator.registerMigration("v3-league-membership", migrate: leagueMembership)
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = 1;

            -- Key/value settings, e.g. the default player name.
            CREATE TABLE setting (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );

            CREATE TABLE player (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                createdAt INTEGER NOT NULL            -- Unix milliseconds
            );

            -- A level is its content hash; title and number are how people name it.
            -- players counts the players with a finished run here (the leaderboard's size).
            CREATE TABLE level (
                id INTEGER PRIMARY KEY,
                hash TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                number INTEGER NOT NULL,
                players INTEGER NOT NULL DEFAULT 0
            );

            -- Scripts by content hash (the 32 bytes of SHA-256): a text run a thousand times is
            -- kept once. A built-in strategy has builtin = its name and an empty text.
            CREATE TABLE script (
                id INTEGER PRIMARY KEY,
                hash BLOB NOT NULL UNIQUE,
                text TEXT NOT NULL,
                builtin TEXT
            );

            -- One shift: its inputs (enough to replay it) and every scalar of its score card.
            CREATE TABLE run (
                id INTEGER PRIMARY KEY,
                playerId INTEGER NOT NULL REFERENCES player(id),
                levelId INTEGER NOT NULL REFERENCES level(id),
                scriptId INTEGER NOT NULL REFERENCES script(id),
                seed INTEGER NOT NULL,                -- UInt64 bit pattern
                engineVersion TEXT NOT NULL,
                failure TEXT,                         -- NULL for a finished shift, else why it stopped
                digest BLOB NOT NULL,                 -- digest of the event stream (hex in the API)
                medal INTEGER NOT NULL,               -- 0 none, 1 bronze, 2 silver, 3 gold
                served INTEGER NOT NULL,
                lost INTEGER NOT NULL,
                throughput REAL NOT NULL,
                leadMean REAL NOT NULL,
                leadP50 INTEGER NOT NULL,
                leadP95 INTEGER NOT NULL,
                leadMax INTEGER NOT NULL,
                counterWaitP95 INTEGER NOT NULL,
                valueAddedRatio REAL NOT NULL,
                revenue INTEGER NOT NULL,
                wages INTEGER NOT NULL,
                waste INTEGER NOT NULL,
                profit INTEGER NOT NULL,
                endTick INTEGER NOT NULL,
                scriptSize INTEGER NOT NULL,
                recordedAt INTEGER NOT NULL           -- Unix milliseconds
            );
            -- A level's runs (Pareto front), a player's runs on a level (history, newest first by
            -- rowid), and with `levelId IN (…)` a player's runs on every level.
            CREATE INDEX run_by_level ON run(levelId, playerId);

            -- The full score card as JSON, beside the run so leaderboard pages stay small.
            -- Optional: a million cards would not fit the size budget (docs/store.md).
            CREATE TABLE card (
                runId INTEGER PRIMARY KEY REFERENCES run(id),
                json TEXT NOT NULL
            );

            -- Each player's best finished run on a level, one column per leaderboard metric.
            -- Kept by `record` in the run's transaction; on a tie the earlier run stays.
            CREATE TABLE standing (
                levelId INTEGER NOT NULL REFERENCES level(id),
                playerId INTEGER NOT NULL REFERENCES player(id),
                profitRun INTEGER NOT NULL REFERENCES run(id),
                throughputRun INTEGER NOT NULL REFERENCES run(id),
                servedRun INTEGER NOT NULL REFERENCES run(id),
                leadTimeRun INTEGER NOT NULL REFERENCES run(id),
                valueAddedRun INTEGER NOT NULL REFERENCES run(id),
                wasteRun INTEGER NOT NULL REFERENCES run(id),
                sizeRun INTEGER NOT NULL REFERENCES run(id),
                PRIMARY KEY (levelId, playerId)
            ) WITHOUT ROWID;

            -- The leaderboards: one entry per standing run and metric, in rank order.
            -- score is the metric turned so that smaller is better (more profit = more negative
            -- score); equal scores rank by run id, the run recorded first.
            CREATE TABLE ranking (
                levelId INTEGER NOT NULL,
                metric INTEGER NOT NULL,              -- LeaderboardMetric code
                score REAL NOT NULL,
                runId INTEGER NOT NULL,
                playerId INTEGER NOT NULL,
                PRIMARY KEY (levelId, metric, score, runId)
            ) WITHOUT ROWID;

            -- Runs that came in through `barista import`, verified by re-simulation.
            CREATE TABLE replay (
                runId INTEGER PRIMARY KEY REFERENCES run(id),
                importedAt INTEGER NOT NULL,
                formatVersion INTEGER NOT NULL,
                fileHash TEXT NOT NULL                -- SHA-256 of the imported text
            );
            """)
    }

    /// Evaluations rank, runs do not: one row per `barista eval` (its seed set named by count and
    /// hash, never the seeds), a digest per seed, and the leaderboard rebuilt on evaluations.
    ///
    /// `standing` and `ranking` ranked practice runs; they were derived from `run` and are
    /// dropped (no run is lost). Runs without a kept card were written by `barista eval` before
    /// this migration, one per hidden seed: they stay, verifiable, marked `fromEvaluation = 1`, and
    /// are listed and exported nowhere, so their seeds stay hidden.
    private static func v2Evaluations(_ db: Database) throws {
        try db.execute(sql: """
            PRAGMA user_version = 2;

            DROP TABLE ranking;
            DROP TABLE standing;
            UPDATE level SET players = 0;

            -- The file name a run's script was given as (shown, never trusted); NULL when unknown.
            ALTER TABLE run ADD COLUMN scriptName TEXT;
            -- 1: one hidden seed of an evaluation recorded before v2-evaluations.
            ALTER TABLE run ADD COLUMN fromEvaluation INTEGER NOT NULL DEFAULT 0;
            UPDATE run SET fromEvaluation = 1 WHERE NOT EXISTS (SELECT 1 FROM card WHERE card.runId = run.id);

            -- One evaluation: a script on a level's hidden seeds, judged on the mean.
            CREATE TABLE evaluation (
                id INTEGER PRIMARY KEY,
                playerId INTEGER NOT NULL REFERENCES player(id),
                levelId INTEGER NOT NULL REFERENCES level(id),
                scriptId INTEGER NOT NULL REFERENCES script(id),
                scriptName TEXT,
                engineVersion TEXT NOT NULL,
                seedCount INTEGER NOT NULL,
                seedSet TEXT NOT NULL,                -- identity of the seed list (hex), not the seeds
                objective TEXT NOT NULL,              -- e.g. "max profit"
                higherIsBetter INTEGER NOT NULL,      -- the objective's direction
                failures INTEGER NOT NULL,            -- seeds whose shift failed
                failure TEXT,                         -- the first failure's message
                mean REAL NOT NULL,                   -- the objective's mean: what the medal is for
                min REAL NOT NULL,
                median REAL NOT NULL,
                p95 REAL NOT NULL,
                max REAL NOT NULL,
                medal INTEGER NOT NULL,               -- 0 none, 1 bronze, 2 silver, 3 gold
                -- Means over the seeds of the leaderboard's metrics.
                served REAL NOT NULL,
                throughput REAL NOT NULL,
                leadMean REAL NOT NULL,
                valueAddedRatio REAL NOT NULL,
                profit REAL NOT NULL,
                waste REAL NOT NULL,
                scriptSize INTEGER NOT NULL,
                recordedAt INTEGER NOT NULL           -- Unix milliseconds
            );
            CREATE INDEX evaluation_by_level ON evaluation(levelId, playerId);

            -- Each seed's shift, by position in the seed list: what a replay must reproduce.
            CREATE TABLE evaluationShift (
                evaluationId INTEGER NOT NULL REFERENCES evaluation(id),
                position INTEGER NOT NULL,            -- 0-based index of the seed
                digest BLOB NOT NULL,
                value REAL NOT NULL,                  -- the objective on this seed
                failed INTEGER NOT NULL,
                PRIMARY KEY (evaluationId, position)
            ) WITHOUT ROWID;

            -- Each player's best evaluation per level and leaderboard metric (the first of equals).
            CREATE TABLE evaluationStanding (
                levelId INTEGER NOT NULL REFERENCES level(id),
                playerId INTEGER NOT NULL REFERENCES player(id),
                metric INTEGER NOT NULL,              -- LeaderboardMetric code
                evaluationId INTEGER NOT NULL REFERENCES evaluation(id),
                PRIMARY KEY (levelId, playerId, metric)
            ) WITHOUT ROWID;

            -- The leaderboards, in rank order: score is the metric turned so that smaller is
            -- better; for the objective, medal first, then the mean.
            CREATE TABLE evaluationRanking (
                levelId INTEGER NOT NULL,
                metric INTEGER NOT NULL,
                score REAL NOT NULL,
                evaluationId INTEGER NOT NULL,
                playerId INTEGER NOT NULL,
                PRIMARY KEY (levelId, metric, score, evaluationId)
            ) WITHOUT ROWID;

            -- Evaluations that came in through `barista import`, verified by re-simulation.
            CREATE TABLE evaluationImport (
                evaluationId INTEGER PRIMARY KEY REFERENCES evaluation(id),
                importedAt INTEGER NOT NULL,
                formatVersion INTEGER NOT NULL,
                fileHash TEXT NOT NULL
            );
            """)
    }
}

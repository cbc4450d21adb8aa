import Logging
import PostgresNIO

/// The league's tables, as named migrations. A shipped migration is never edited: a change is a
/// new one appended to `migrations`. Each is applied in one transaction, under an advisory lock, so
/// servers started together migrate once.
enum LeagueSchema {
    static let migrations: [(name: String, statements: [String])] = [
        ("v1-league", [
            """
            CREATE TABLE player (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                token_hash TEXT NOT NULL UNIQUE,          -- SHA-256 of the bearer token, hex; the token itself is never kept
                created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE submission (
                id BIGSERIAL PRIMARY KEY,
                player_id BIGINT NOT NULL REFERENCES player(id),
                level_hash TEXT NOT NULL,
                level_label TEXT NOT NULL,
                engine_version TEXT NOT NULL,
                script TEXT NOT NULL,
                script_size INTEGER NOT NULL,
                seeds INTEGER NOT NULL,
                failures INTEGER NOT NULL,
                first_failure TEXT,
                medal SMALLINT NOT NULL,                  -- 0 none, 1 bronze, 2 silver, 3 gold
                objective TEXT NOT NULL,
                mean DOUBLE PRECISION NOT NULL,           -- the objective, over the seeds
                median DOUBLE PRECISION NOT NULL,
                p95 DOUBLE PRECISION NOT NULL,
                profit DOUBLE PRECISION NOT NULL,         -- each board's metric: its mean over the seeds
                throughput DOUBLE PRECISION NOT NULL,
                served DOUBLE PRECISION NOT NULL,
                lead_time DOUBLE PRECISION NOT NULL,
                value_added DOUBLE PRECISION NOT NULL,
                waste DOUBLE PRECISION NOT NULL,
                submitted_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX submission_by_level ON submission (level_hash) WHERE failures = 0",
            """
            CREATE TABLE submission_seed (
                submission_id BIGINT NOT NULL REFERENCES submission(id),
                index INTEGER NOT NULL,
                seed BIGINT NOT NULL,                     -- UInt64 bit pattern
                digest TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                finished BOOLEAN NOT NULL,
                PRIMARY KEY (submission_id, index)
            )
            """,
            """
            CREATE TABLE standing (                       -- each player's best on a level, per metric
                level_hash TEXT NOT NULL,
                metric TEXT NOT NULL,
                player_id BIGINT NOT NULL REFERENCES player(id),
                score DOUBLE PRECISION NOT NULL,          -- smaller is better: -value when more is better
                value DOUBLE PRECISION NOT NULL,
                submission_id BIGINT NOT NULL REFERENCES submission(id),
                PRIMARY KEY (level_hash, metric, player_id)
            )
            """,
            "CREATE INDEX standing_rank ON standing (level_hash, metric, score, submission_id) INCLUDE (value, player_id)",
        ]),
        ("v2-board-size", [
            """
            CREATE TABLE board_size (                     -- the players on each board, kept with `standing`
                level_hash TEXT NOT NULL,
                metric TEXT NOT NULL,
                players BIGINT NOT NULL,
                PRIMARY KEY (level_hash, metric)
            )
            """,
            """
            INSERT INTO board_size (level_hash, metric, players)
            SELECT level_hash, metric, count(*) FROM standing GROUP BY level_hash, metric
            """,
        ]),
        ("v3-submission-rate", [
            """
            CREATE TABLE submission_rate (                -- each token's bucket, shared by every server
                player_id BIGINT PRIMARY KEY REFERENCES player(id),
                tokens DOUBLE PRECISION NOT NULL,         -- submissions left, refilling perMinute a minute
                at TIMESTAMPTZ NOT NULL,                  -- when the bucket was last taken from
                allowed BOOLEAN NOT NULL                  -- whether that last submission was let through
            )
            """,
        ]),
        ("v4-board-rank", [
            // Every change of a board's standings bumps its version (in the submission's statement,
            // the row locked until commit) and is logged under it: a server's sorted copy of the board
            // catches up from the log, read in the same snapshot as the board (`BoardRanks`).
            "ALTER TABLE board_size ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
            """
            CREATE TABLE standing_change (                -- a player's new standing on a board, by version
                level_hash TEXT NOT NULL,
                metric TEXT NOT NULL,
                version BIGINT NOT NULL,
                player_id BIGINT NOT NULL REFERENCES player(id),
                score DOUBLE PRECISION NOT NULL,
                submission_id BIGINT NOT NULL REFERENCES submission(id),
                PRIMARY KEY (level_hash, metric, version)
            )
            """,
        ]),
        ("v5-challenges", [
            """
            CREATE TABLE challenge (                      -- a seed issued for one hand-played shift (docs/league.md)
                id BIGSERIAL PRIMARY KEY,
                player_id BIGINT NOT NULL REFERENCES player(id),
                level_hash TEXT NOT NULL,
                seed BIGINT NOT NULL,                     -- UInt64 bit pattern, never an evaluation seed
                opened_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                closed_at TIMESTAMPTZ,
                outcome TEXT CHECK (outcome IN ('played', 'abandoned')),
                CHECK ((closed_at IS NULL) = (outcome IS NULL)),
                UNIQUE (level_hash, seed)
            )
            """,
            // At most one open challenge per player and level.
            "CREATE UNIQUE INDEX challenge_open ON challenge (player_id, level_hash) WHERE closed_at IS NULL",
            // The shift that closed a challenge (played or abandoned); scripts have none.
            "ALTER TABLE submission ADD COLUMN challenge_id BIGINT UNIQUE REFERENCES challenge(id)",
            "CREATE INDEX submission_hand ON submission (level_hash, player_id) WHERE challenge_id IS NOT NULL",
        ]),
    ]

    static let lockKey: Int64 = 0x4252_5354_4C45_4147  // "BRSTLEAG"

    /// Applies the migrations not applied yet (with `through`, only up to that one, as a test
    /// builds an older database); returns their names.
    static func migrate(_ client: PostgresClient, logger: Logger, through last: String? = nil) async throws -> [String] {
        let wanted = last.flatMap { name in migrations.firstIndex { $0.name == name } }.map { Array(migrations[...$0]) } ?? migrations
        return try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await conn.query("""
                CREATE TABLE IF NOT EXISTS league_migration (
                    name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<String> = []
            for try await name in try await conn.query("SELECT name FROM league_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            var done: [String] = []
            for m in wanted where !applied.contains(m.name) {
                for sql in m.statements { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
                try await conn.query("INSERT INTO league_migration (name) VALUES (\(m.name))", logger: logger)
                done.append(m.name)
            }
            return done
        }
    }

    /// The migrations the database still lacks (all of them for an empty database).
    static func pending(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        let exists = try await client.query("SELECT to_regclass('league_migration') IS NOT NULL", logger: logger)
        var hasTable = false
        for try await b in exists.decode(Bool.self) { hasTable = b }
        guard hasTable else { return migrations.map(\.name) }
        var applied: Set<String> = []
        for try await name in try await client.query("SELECT name FROM league_migration", logger: logger).decode(String.self) {
            applied.insert(name)
        }
        return migrations.map(\.name).filter { !applied.contains($0) }
    }
}

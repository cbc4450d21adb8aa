import GRDB

extension Schema {
    /// `v3-league-membership`: the leagues the player joined, with the bearer token each gave.
    /// The token is a secret: the save file is made owner-only (0600) when one is stored.
    static func leagueMembership(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE leagueMembership (
                url TEXT PRIMARY KEY NOT NULL,        -- the league's base URL, as joined
                player TEXT NOT NULL,                 -- the name the league knows the player by
                token TEXT NOT NULL,                  -- bearer token, 64 hex digits
                joinedAt INTEGER NOT NULL             -- Unix milliseconds; the latest is the current league
            );
            PRAGMA user_version = 3;
            """)
    }
}

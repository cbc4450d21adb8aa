// swift-tools-version:6.0
import PackageDescription

// The engine is generic over the strategy; a strategy from another module (a script, a built-in)
// only runs at full speed if the engine's code can be specialised for it across modules.
let speed: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

// The arrows point down only: barista → (CoffeeTerminal, CoffeeStore) → CoffeeGame → (CoffeeEngine, BrewScript).
// The league server sits beside CoffeeStore: barista-league → LeagueServer → (CoffeeGame, LeagueAPI).
// barista itself speaks to a league through LeagueAPI (Foundation and CoffeeGame only), so it never links NIO.
let package = Package(
    name: "Barista",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "barista", targets: ["barista"]),
        .executable(name: "barista-league", targets: ["barista-league"]),
        .library(name: "CoffeeEngine", targets: ["CoffeeEngine"]),
        .library(name: "BrewScript", targets: ["BrewScript"]),
        .library(name: "CoffeeGame", targets: ["CoffeeGame"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // Already built for PostgresNIO (SCRAM authentication); the league hashes tokens and seeds with it.
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        // The discrete-event simulation: the standard library only.
        .target(name: "CoffeeEngine", swiftSettings: speed),
        // The strategy language: knows nothing of coffee.
        .target(name: "BrewScript", swiftSettings: speed),
        // The glue: levels, scripts bound to the engine, scoring.
        .target(name: "CoffeeGame", dependencies: [
            "CoffeeEngine", "BrewScript",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: speed),
        // SQLite through GRDB: runs, replays, leaderboard.
        .target(name: "CoffeeStore", dependencies: [
            "CoffeeGame",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The store benchmark (`barista bench --store`): synthetic runs at scale, timed through the store's API.
        .target(name: "StoreBench", dependencies: [
            "CoffeeStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The league's wire format (Codable; Foundation and the game's metric list): shared by the client in barista and the server.
        .target(name: "LeagueAPI", dependencies: ["CoffeeGame"]),
        // The league server: HTTP (Hummingbird) over PostgreSQL, re-simulating every submission with CoffeeGame.
        .target(name: "LeagueServer", dependencies: [
            "CoffeeGame", "CoffeeEngine", "BrewScript", "LeagueAPI",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "barista-league", dependencies: [
            "LeagueServer", "LeagueAPI", "CoffeeGame", "CoffeeEngine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The full-screen UI behind a backend protocol.
        .target(name: "CoffeeTerminal", dependencies: ["CoffeeGame", "CoffeeEngine"]),
        // The command line: the only place that wires store, terminal and game together.
        .executableTarget(name: "barista", dependencies: [
            "CoffeeGame", "CoffeeEngine", "BrewScript", "CoffeeStore", "StoreBench", "CoffeeTerminal", "LeagueAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "CoffeeEngineTests", dependencies: ["CoffeeEngine"]),
        .testTarget(name: "BrewScriptTests", dependencies: ["BrewScript"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CoffeeGameTests", dependencies: ["CoffeeGame"], exclude: ["Solutions", "Golden"]),
        .testTarget(name: "CoffeeStoreTests", dependencies: ["CoffeeStore", "StoreBench"]),
        // The real binary in a real terminal (tmux), shared by the terminal's and the league's tests.
        .target(name: "TerminalHarness", path: "Tests/TerminalHarness"),
        .testTarget(name: "CoffeeTerminalTests", dependencies: ["CoffeeTerminal", "TerminalHarness"]),
        .testTarget(name: "BaristaCLITests", dependencies: ["CoffeeGame", "barista"]),
        .testTarget(name: "LeagueServerTests", dependencies: [
            "LeagueServer", "LeagueAPI", "CoffeeGame", "CoffeeEngine", "barista", "barista-league", "TerminalHarness",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Yams", package: "Yams"),
        ]),
    ]
)

// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzzing with the toolchain's libFuzzer (see docs/fuzzing.md and Fuzz/run.sh).
// Its own package, so the game's Package.swift stays as it is: the modules fuzzed are the game's
// own sources (Fuzz/Sources/* are links to ../Sources/*), built here with coverage and the address
// sanitizer. Each target is one executable whose `LLVMFuzzerTestOneInput` libFuzzer calls.
let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let fuzzLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "BaristaFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .target(name: "CoffeeEngine", swiftSettings: instrumented),
        .target(name: "BrewScript", swiftSettings: instrumented),
        .target(name: "CoffeeGame", dependencies: ["CoffeeEngine", "BrewScript", .product(name: "Yams", package: "Yams")],
                swiftSettings: instrumented),
        .target(name: "CoffeeStore", dependencies: ["CoffeeGame", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: instrumented),
        // A script, compiled for the level its '# level: N' line names (else 12), then one shift.
        .executableTarget(name: "FuzzCompiler", dependencies: ["CoffeeGame"], path: "Targets/FuzzCompiler",
                          swiftSettings: fuzzTarget, linkerSettings: fuzzLink),
        // A level file, loaded; if it loads, its sheet (the lower bound) and a short shift.
        .executableTarget(name: "FuzzLevel", dependencies: ["CoffeeGame"], path: "Targets/FuzzLevel",
                          swiftSettings: fuzzTarget, linkerSettings: fuzzLink),
        // A replay file, parsed; if it parses, rendered and parsed again to the same value.
        .executableTarget(name: "FuzzReplay", dependencies: ["CoffeeStore"], path: "Targets/FuzzReplay",
                          swiftSettings: fuzzTarget, linkerSettings: fuzzLink),
    ]
)

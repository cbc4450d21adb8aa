// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzzing with the toolchain's libFuzzer (see docs/fuzzing.md and Fuzz/run.sh).
// Its own package, so the game's Package.swift stays as it is: the modules fuzzed are the game's
// own sources (Fuzz/Sources/* are links to ../Sources/*), built here with coverage and the address
// sanitizer. Each target is an executable whose function libFuzzer calls with each input.
// SwiftPM gives an executable a main of its own (renamed for testing), so the targets link
// libFuzzer without its main (`libclang_rt.fuzzer_no_main`, passed by run.sh) and their main.swift
// hands the command line and the function to `LLVMFuzzerRunDriver`.
let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
// Not `fuzzer` here: with it, swiftc turns main.swift's top-level code into LLVMFuzzerTestOneInput.
let entry: [SwiftSetting] = [.unsafeFlags(["-sanitize=address"])]
let fuzzLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=address"])]

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
        .target(name: "FuzzDriver"),
        .target(name: "CoffeeStore", dependencies: ["CoffeeGame", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: instrumented),
        // A script, compiled for the level its # level: N line names (else 1), then one shift.
        .executableTarget(name: "FuzzCompiler", dependencies: ["CoffeeGame", "FuzzDriver"], path: "Targets/FuzzCompiler",
                          swiftSettings: entry, linkerSettings: fuzzLink),
        // A level file, loaded; if it loads, its sheet (the lower bound) and a short shift.
        .executableTarget(name: "FuzzLevel", dependencies: ["CoffeeEngine", "CoffeeGame", "FuzzDriver"], path: "Targets/FuzzLevel",
                          swiftSettings: entry, linkerSettings: fuzzLink),
        // A replay file, parsed; if it parses, rendered and parsed again to the same value.
        .executableTarget(name: "FuzzReplay", dependencies: ["CoffeeStore", "FuzzDriver"], path: "Targets/FuzzReplay",
                          swiftSettings: entry, linkerSettings: fuzzLink),
    ]
)

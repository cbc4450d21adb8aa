import ArgumentParser

@main
struct Barista: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A coffee shop that teaches concurrency versus parallelism.",
        subcommands: [Bench.self])
}

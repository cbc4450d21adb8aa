import Foundation
import Testing

/// The module table of docs/architecture.md and the dependency lists of Package.swift, checked
/// against the `import` lines that really are in `Sources/*`, so neither can drift from the code.
@Suite struct ModuleTableTests {
    /// Modules of one platform only, imported behind `#if canImport`: not part of the design.
    static let platformModules: Set<String> = ["Glibc", "Darwin", "FoundationNetworking"]
    /// Modules the toolchain brings, so Package.swift never names them.
    static let toolchainModules: Set<String> = ["Foundation", "Dispatch", "Synchronization"]
    /// Imported without being named in Package.swift because a named package brings them:
    /// NIOCore comes with PostgresNIO and Hummingbird, GRDBSQLite (SQLite's C interface) with GRDB.
    static let broughtBy: [String: Set<String>] = ["LeagueServer": ["NIOCore"], "CoffeeStore": ["GRDBSQLite"]]

    @Test func theModuleTableListsWhatEachModuleImports() throws {
        let table = try Self.moduleTable()
        let code = try Self.importsInSources()
        #expect(Set(table.keys) == Set(code.keys), "modules in the table vs folders in Sources/")
        for (module, imports) in code.sorted(by: { $0.key < $1.key }) {
            #expect(table[module] == imports.subtracting(Self.platformModules),
                    "docs/architecture.md says \(module) imports \(table[module]?.sorted() ?? []); the code imports \(imports.subtracting(Self.platformModules).sorted())")
        }
    }

    @Test func packageSwiftDeclaresWhatEachModuleImports() throws {
        let declared = try Self.packageDependencies()
        let code = try Self.importsInSources()
        for (module, imports) in code.sorted(by: { $0.key < $1.key }) {
            let needed = imports.subtracting(Self.platformModules).subtracting(Self.toolchainModules)
                .subtracting(Self.broughtBy[module] ?? [])
            #expect(declared[module] == needed,
                    "Package.swift gives \(module) the dependencies \(declared[module]?.sorted() ?? []); its files import \(needed.sorted())")
        }
    }

    /// The parsers themselves, on text whose answer is known.
    @Test func theParsersReadWhatTheyShould() throws {
        let imports = Self.imports(in: """
            import Foundation
            @testable import CoffeeGame
            #if canImport(Glibc)
            import Glibc
            #endif
            // import NotThis
            let text = "import NorThis"
            """)
        #expect(imports == ["Foundation", "CoffeeGame", "Glibc"])
        let deps = Self.dependencies(inPackage: """
            .target(name: "A"),
            .testTarget(name: "ATests", dependencies: ["A"]),
            // A comment naming "Z".
            .target(name: "B", dependencies: [
                "A", .product(name: "GRDB", package: "GRDB.swift"),
            ], swiftSettings: speed),
            .executableTarget(name: "c-d", dependencies: ["B"]),
            """)
        #expect(deps == ["A": [], "B": ["A", "GRDB"], "c-d": ["B"]])
        let table = Self.table(in: """
            | module | what it is | imports |
            |---|---|---|
            | `A` | a thing | the standard library only |
            | `B` | uses `A` in prose | `A`, `GRDB`, `Foundation` |
            """)
        #expect(table == ["A": [], "B": ["A", "GRDB", "Foundation"]])
    }

    // MARK: - Reading the three sources

    static func importsInSources() throws -> [String: Set<String>] {
        let sources = repoRoot.appendingPathComponent("Sources")
        let fm = FileManager.default
        var result: [String: Set<String>] = [:]
        for module in try fm.contentsOfDirectory(atPath: sources.path) where !module.hasPrefix(".") {
            var imports: Set<String> = []
            let folder = sources.appendingPathComponent(module)
            guard let files = fm.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                imports.formUnion(Self.imports(in: text))
            }
            result[module] = imports
        }
        return result
    }

    /// The modules named by `import` lines (also `@testable import`, `import struct X.Y`).
    static func imports(in text: String) -> [String] {
        var modules: [String] = []
        for line in text.split(separator: "\n") {
            var words = line.split(separator: " ").map(String.init)
            while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
            guard words.first == "import", words.count >= 2 else { continue }
            let name = words.count >= 3 && ["struct", "class", "enum", "protocol", "func", "typealias", "var", "let"].contains(words[1])
                ? words[2] : words[1]
            modules.append(String(name.split(separator: ".")[0]))
        }
        return modules
    }

    static func moduleTable() throws -> [String: Set<String>] {
        let doc = try String(contentsOf: repoRoot.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        return table(in: doc)
    }

    /// The rows of the first table whose header is `| module | what it is | imports |`: the first
    /// cell's module, the last cell's backticked names ("the standard library only" is none).
    static func table(in doc: String) -> [String: Set<String>] {
        var rows: [String: Set<String>] = [:]
        var inTable = false
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if !inTable {
                inTable = cells.count == 5 && cells[1] == "module" && cells[3].hasPrefix("imports")
                continue
            }
            guard line.hasPrefix("|"), cells.count == 5 else { break }
            guard let module = backticked(cells[1]).first else { continue }
            rows[module] = Set(backticked(cells[3]))
        }
        return rows
    }

    static func backticked(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    static func packageDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        return dependencies(inPackage: text)
    }

    /// Each `.target` and `.executableTarget` with the targets and products in its `dependencies`
    /// list (test targets are left out: they may import what they test through it).
    static func dependencies(inPackage text: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for marker in [".target(name: \"", ".executableTarget(name: \""] {
            for chunk in text.components(separatedBy: marker).dropFirst() {
                guard let nameEnd = chunk.firstIndex(of: "\"") else { continue }
                let name = String(chunk[..<nameEnd])
                var deps: Set<String> = []
                // The declaration ends where the next target begins.
                var declaration = chunk
                for next in [".target(", ".executableTarget(", ".testTarget("] {
                    declaration = declaration.components(separatedBy: next).first ?? declaration
                }
                if let open = declaration.range(of: "dependencies: [") {
                    var list = String(declaration[open.upperBound...])
                    if let close = list.firstIndex(of: "]") { list = String(list[..<close]) }
                    for product in list.components(separatedBy: ".product(name: \"").dropFirst() {
                        if let end = product.firstIndex(of: "\"") { deps.insert(String(product[..<end])) }
                    }
                    // The bare names: every other quoted string outside a `.product(…)`.
                    let bare = list.components(separatedBy: ".product(").enumerated().map { i, part in
                        i == 0 ? part : String(part.drop(while: { $0 != ")" }))
                    }.joined()
                    for (i, piece) in bare.components(separatedBy: "\"").enumerated() where i % 2 == 1 { deps.insert(piece) }
                }
                result[name] = deps
            }
        }
        return result
    }
}

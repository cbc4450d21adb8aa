import Foundation

/// The level files in one `Levels/` folder, and how a LEVEL argument names one of them:
/// a number (`2`), a slug (`long-brews`), a file name (`02-long-brews`), or a path to a `.yaml` file.
public struct LevelCatalog: Sendable, Hashable {
    /// The folder as found: relative (`Levels`) when found under the current directory.
    public let folder: String

    /// A level file in the folder, known by its name alone (not yet read).
    public struct Entry: Sendable, Hashable {
        public let number: Int?
        public let slug: String
        /// `folder/02-long-brews.yaml`.
        public let path: String
        /// `02 long-brews`.
        public var label: String {
            guard let number else { return slug }
            return (number < 10 ? "0" : "") + "\(number) \(slug)"
        }
    }

    public init(folder: String) { self.folder = folder }

    /// The environment variable that names the levels folder, overriding the search.
    public static let environmentKey = "BARISTA_LEVELS"

    // MARK: Finding the folder

    /// Where the folder is looked for, in order: `$BARISTA_LEVELS` alone when set; otherwise
    /// `Levels` in the current directory, then `Levels` beside the executable and in every folder
    /// above it (so `swift run barista` from the repository finds the repository's levels).
    public static func searchPaths(environment: [String: String], executablePath: String?) -> [String] {
        if let folder = environment[environmentKey], !folder.isEmpty { return [folder] }
        var paths = ["Levels"]
        guard let executablePath else { return paths }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<32 {
            paths.append(dir.appendingPathComponent("Levels").path)
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return paths
    }

    /// The first levels folder on the search path. Relative paths are taken from `currentDirectory`
    /// but kept relative, so messages read `Levels/02-long-brews.yaml:14: …`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              currentDirectory: String = FileManager.default.currentDirectoryPath,
                              executablePath: String? = Bundle.main.executablePath) throws(LevelError) -> LevelCatalog {
        let paths = searchPaths(environment: environment, executablePath: executablePath)
        for path in paths where isFolder(absolute(path, from: currentDirectory)) {
            return LevelCatalog(folder: path)
        }
        throw .noLevelsFolder(searched: paths)
    }

    // MARK: Listing

    /// The `.yaml` and `.yml` files of the folder, by number, unnumbered ones last by name.
    public func entries(currentDirectory: String = FileManager.default.currentDirectoryPath) -> [Entry] {
        let dir = Self.absolute(folder, from: currentDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let entries = names.filter { name in
            let lower = name.lowercased()
            return !name.hasPrefix(".") && (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml"))
                && !Self.isFolder(dir + "/" + name)
        }.map { name in
            let (number, slug) = Level.nameParts(fileName: name)
            return Entry(number: number, slug: slug, path: Self.join(folder, name))
        }
        return entries.sorted { a, b in
            (a.number ?? Int.max, a.path) < (b.number ?? Int.max, b.path)
        }
    }

    /// Every level of the folder read and checked, in order; a broken file gives its error.
    public func loadAll(currentDirectory: String = FileManager.default.currentDirectoryPath)
        -> [(entry: Entry, level: Result<Level, LevelError>)] {
        entries(currentDirectory: currentDirectory).map { entry in
            (entry, Result { () throws(LevelError) -> Level in
                try LevelLoader.load(path: Self.absolute(entry.path, from: currentDirectory), displayPath: entry.path)
            })
        }
    }

    // MARK: Resolving a LEVEL argument

    /// The entry a number, slug or file name names in this folder.
    public func entry(for argument: String,
                      currentDirectory: String = FileManager.default.currentDirectoryPath) throws(LevelError) -> Entry {
        let all = entries(currentDirectory: currentDirectory)
        let wanted = argument.lowercased()
        var stem = Substring(wanted)
        for ext in [".yaml", ".yml"] where stem.hasSuffix(ext) { stem = stem.dropLast(ext.count) }
        let matches: [Entry]
        if let n = Int(argument), argument.allSatisfy(\.isNumber) {
            matches = all.filter { $0.number == n }
        } else {
            matches = all.filter { entry in
                entry.slug.lowercased() == stem || Self.stem(of: entry.path) == stem
            }
        }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw .unknownLevel(argument, folder: folder, available: all.map(\.label))
        default: throw .ambiguousLevel(argument, matches: matches.map(\.path))
        }
    }

    /// The level a number, slug or file name names in this folder, read and checked.
    public func level(_ argument: String,
                      currentDirectory: String = FileManager.default.currentDirectoryPath) throws(LevelError) -> Level {
        let entry = try entry(for: argument, currentDirectory: currentDirectory)
        return try LevelLoader.load(path: Self.absolute(entry.path, from: currentDirectory), displayPath: entry.path)
    }

    /// Resolves a LEVEL argument as the command line gives it. A path (with a `/`, or ending in
    /// `.yaml` / `.yml` and present) is read as is; anything else is looked up in the levels folder.
    public static func resolve(_ argument: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               currentDirectory: String = FileManager.default.currentDirectoryPath,
                               executablePath: String? = Bundle.main.executablePath) throws(LevelError) -> Level {
        let lower = argument.lowercased()
        let looksLikeFile = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        let absolutePath = absolute(argument, from: currentDirectory)
        if argument.contains("/") || (looksLikeFile && FileManager.default.fileExists(atPath: absolutePath)) {
            return try LevelLoader.load(path: absolutePath, displayPath: argument)
        }
        let catalog = try locate(environment: environment, currentDirectory: currentDirectory,
                                 executablePath: executablePath)
        return try catalog.level(argument, currentDirectory: currentDirectory)
    }

    // MARK: Paths

    /// `02-long-brews` for `Levels/02-long-brews.yaml`, lower-cased.
    static func stem(of path: String) -> String {
        var name = Substring(path.split(separator: "/").last.map { $0.lowercased() } ?? "")
        for ext in [".yaml", ".yml"] where name.hasSuffix(ext) { name = name.dropLast(ext.count) }
        return String(name)
    }

    static func absolute(_ path: String, from currentDirectory: String) -> String {
        path.hasPrefix("/") ? path : join(currentDirectory, path)
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

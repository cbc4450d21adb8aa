import CoffeeGame

/// The levels a league ranks: every valid file of its `--levels` folder, found by number (`2`),
/// slug (`long-brews`), file stem (`02-long-brews`) or content hash.
struct LeagueLevels: Sendable {
    private(set) var all: [Level] = []
    private var byName: [String: Int] = [:]
    /// Files that did not load, with why: logged at start, never served.
    private(set) var broken: [String] = []

    init(folder: String) {
        for (entry, result) in LevelCatalog(folder: folder).loadAll() {
            switch result {
            case .success(let level):
                let i = all.count
                all.append(level)
                for key in [level.contentHash, level.slug, entry.label.replacingOccurrences(of: " ", with: "-")]
                    + (level.number.map { [String($0)] } ?? []) {
                    byName[key] = byName[key] ?? i
                }
            case .failure(let error):
                broken.append("\(entry.path): \(error.description)")
            }
        }
    }

    func level(_ name: String) -> Level? { byName[name].map { all[$0] } }
}

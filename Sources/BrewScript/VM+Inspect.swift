/// What a debugger sees of a live task, read without changing it: the function it is in, the
/// line it stopped on and its variables, as a player would write them.
public struct FiberInspection: Sendable, Hashable {
    /// `on order`, or a `def`'s name, for the innermost call.
    public var function: String
    /// 1-based; the line of the command it is suspended on, or its first line if it has not run.
    public var line: Int
    /// Named locals of the innermost call, in slot order, with their values.
    public var locals: [Local]

    public struct Local: Sendable, Hashable {
        public var name: String
        public var value: String
    }
}

extension VM {
    /// A live fiber's line and variables; `nil` if it is not live. Read-only.
    public func inspect(_ id: FiberID) -> FiberInspection? {
        guard isLive(id) else { return nil }
        let fiber = fibers[Int(id.index)]
        let function = program.functions[Int(fiber.function)]
        // A suspended fiber's pc is past the command it stopped on; a fresh one's is its entry.
        let at = fiber.status == .fresh ? fiber.pc : fiber.pc - 1
        let line = at >= 0 && at < program.spans.count ? Int(program.spans[at].line) : 0
        var locals: [FiberInspection.Local] = []
        for (slot, name) in function.localNames.enumerated() {
            guard let name, slot < function.localCount, fiber.base + slot < fiber.sp else { continue }
            locals.append(.init(name: name, value: describe(values[fiber.stackStart + fiber.base + slot])))
        }
        return FiberInspection(function: function.name, line: line, locals: locals)
    }
}

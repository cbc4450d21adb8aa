/// One bytecode instruction of the stack machine. Operands are slots, indices and jump targets
/// resolved at compile time: the VM never looks a name up while running.
enum Instruction: Sendable, Hashable {
    /// Push `Program.constants[i]`.
    case constant(Int32)
    /// Push a small integer.
    case int(Int32)
    case none, `true`, `false`
    /// Push the local in slot `s` of the current frame.
    case load(Int32)
    /// Pop into slot `s`.
    case store(Int32)
    case pop
    case add, subtract, multiply, divide, remainder, negate, not
    /// Replace the top with its truth as a bool.
    case toBool
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case jump(Int32)
    /// Pop; jump if false.
    case jumpIfFalse(Int32)
    /// If the top is false, replace it with `false` and jump; else pop it (`and`).
    case andJump(Int32)
    /// If the top is true, replace it with `true` and jump; else pop it (`or`).
    case orJump(Int32)
    /// Call script function `f`: its arguments are on the stack and become its first locals.
    case call(Int32)
    case returnValue
    case returnNone
    /// Call host op `i` (`Program.hostOps`): synchronously, or by suspending the fiber.
    case host(Int32)
    /// Replace the handle on top with its attribute (index into `Program.attributeNames`).
    case attribute(Int32)
    case query(Int32)
    /// Fail unless the top is an integer (`range` bounds).
    case checkInt
    /// If local `slot` (the counter) is not below local `slot + 1` (the end), jump to `exit`.
    case forTest(slot: Int32, exit: Int32)
    /// Add one to local `slot` (a loop counter, known to be below its end).
    case increment(Int32)
}

/// What a barista is doing, as a front end shows it.
public enum BaristaActivity: String, Sendable, Hashable {
    case free, working, switching, collecting, loading, checking, waiting, queuedForStation, idling
}

/// One barista at this instant.
public struct BaristaView: Sendable, Hashable {
    public let index: Int
    public let role: Int
    public let tickClass: TickClass
    public let activity: BaristaActivity
    /// The order (running number) and recipe step the barista is on, if any.
    public let order: Int?
    public let step: Int?
    /// Start and end of the current timed activity, if it has an end.
    public let since: Int
    public let until: Int?
}

/// One product in a machine or queued for one.
public struct ProductView: Sendable, Hashable {
    /// `reserved`: a slot is kept for the product but nobody is loading it yet (its task waits
    /// for a barista); the slot is still empty. `loading`: a barista is putting it in.
    public enum State: String, Sendable, Hashable { case queued, reserved, loading, brewing, done }
    public let job: Int
    public let order: Int
    public let machine: Int
    public let state: State
    public let startedAt: Int
    /// When brewing ends (brewing) or ended (done).
    public let doneAt: Int
    /// Done and left in its slot past the cooling limit.
    public let cold: Bool
}

/// One customer in the shop.
public struct CustomerView: Sendable, Hashable {
    public let order: Int
    public let item: Int
    public let arrival: Int
    public let acknowledged: Bool
    /// The tick they leave unless acknowledged or served, if patience is limited.
    public let deadline: Int?
    public let stepsDone: Int
    public let steps: Int
}

/// The whole shop at one instant, for front ends: everything is plain values.
public struct ShopView: Sendable, Hashable {
    public let now: Int
    public let baristas: [BaristaView]
    public let products: [ProductView]
    public let customers: [CustomerView]
}

/// A live task, as a debugger lists it: who runs it, its order and what it waits for. Read-only.
public struct TaskView<State> {
    public enum Status: String, Sendable, Hashable {
        case ready, running, sleeping, awaiting
        case queuedForSlot = "queued for a slot"
    }
    public let id: TaskID
    /// The barista running it, if one is.
    public let barista: Int?
    /// The order's running number, if the task has an order.
    public let order: Int?
    public let status: Status
    /// The running number of the product an awaiting task sleeps on.
    public let product: Int?
    /// The strategy's own state of the task.
    public let state: State
}

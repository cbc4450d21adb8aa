/// The profile: every barista tick attributed to the line whose command it was spent on. Kept
/// only for a `LineProfiled` strategy; for any other the engine's checks fold away.
extension Simulation {
    /// Each barista's ticks by line and class, in barista then line order. Its sums per barista
    /// and class are that barista's tick classes exactly (once the shift is over).
    public var lineProfile: [LineTicks] { crew.profile.lineTicks }

    /// The profile so far, mid-shift (the play screen's heat column): `lineProfile` with each
    /// barista's open stretch, on its current line and class, counted up to now.
    public var lineProfileSoFar: [LineTicks] {
        var open = crew.profile
        for b in open.now.indices { open.close(b, at: shop.now, as: crew.members[b].tickClass) }
        return open.lineTicks
    }
}

// BrewScript

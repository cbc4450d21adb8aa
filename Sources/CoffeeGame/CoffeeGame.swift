// CoffeeGame
